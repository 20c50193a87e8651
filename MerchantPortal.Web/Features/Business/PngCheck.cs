using System.Buffers.Binary;
using System.IO.Compression;

namespace MerchantPortal.Web.Features.Business;

/// <summary>
/// A PNG read for real: every chunk's CRC, IHDR first, IDAT inflated to exactly the size its header promises, IEND
/// as the last bytes of the file. Null when any of it fails.
/// </summary>
internal static class PngCheck
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature);

    public static LogoImage? Read(ReadOnlySpan<byte> bytes)
    {
        var position = Signature.Length;
        int width = 0, height = 0, bitsPerPixel = 0;
        var interlaced = false;
        using var idat = new MemoryStream();
        var first = true;
        while (position + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[position..]);
            if (length > int.MaxValue || position + 12 + (long)length > bytes.Length)
            {
                return null;
            }

            var type = bytes.Slice(position + 4, 4);
            var data = bytes.Slice(position + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes[(position + 8 + (int)length)..]);
            if (!IsChunkType(type) || Crc32.Of(bytes.Slice(position + 4, 4 + (int)length)) != crc)
            {
                return null;
            }

            position += 12 + (int)length;
            if (first != type.SequenceEqual("IHDR"u8))
            {
                return null;
            }

            if (first)
            {
                first = false;
                if (length != 13 || !ReadHeader(data, out width, out height, out bitsPerPixel, out interlaced))
                {
                    return null;
                }
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(data);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                // Nothing may follow IEND: that is where a glued-on document would sit.
                if (length != 0 || position != bytes.Length || idat.Length == 0)
                {
                    return null;
                }

                // Too large to inflate within bounds: the caller refuses it by its size, which is known already.
                var oversized = width > LogoImages.MaxSide || height > LogoImages.MaxSide;
                return oversized || InflatesTo(idat, ExpectedSize(width, height, bitsPerPixel, interlaced))
                    ? new LogoImage("image/png", width, height) : null;
            }
        }

        return null;
    }

    private static bool ReadHeader(ReadOnlySpan<byte> data, out int width, out int height, out int bitsPerPixel, out bool interlaced)
    {
        width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data), int.MaxValue);
        height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data[4..]), int.MaxValue);
        int depth = data[8], colour = data[9];
        interlaced = data[12] == 1;
        var channels = colour switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        var depthAllowed = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            _ => depth is 8 or 16,
        };
        bitsPerPixel = channels * depth;
        return channels > 0 && depthAllowed && data[10] == 0 && data[11] == 0 && data[12] <= 1;
    }

    /// <summary>Filtered scanlines: a filter byte and the packed pixels of each row, per Adam7 pass when interlaced.</summary>
    private static long ExpectedSize(int width, int height, int bitsPerPixel, bool interlaced)
    {
        if (width <= 0 || height <= 0 || width > LogoImages.MaxSide || height > LogoImages.MaxSide)
        {
            return -1;
        }

        static long Rows(long w, long h, int bpp) => w == 0 || h == 0 ? 0 : h * (1 + ((w * bpp) + 7) / 8);
        if (!interlaced)
        {
            return Rows(width, height, bitsPerPixel);
        }

        (int X, int Y, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        return passes.Sum(p => Rows((width - p.X + p.Dx - 1) / p.Dx, (height - p.Y + p.Dy - 1) / p.Dy, bitsPerPixel));
    }

    /// <summary>Inflates without keeping the pixels, and stops one byte past the promise (a bomb never runs on).</summary>
    private static bool InflatesTo(MemoryStream compressed, long expected)
    {
        if (expected <= 0)
        {
            return false;
        }

        compressed.Position = 0;
        try
        {
            using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = inflater.Read(buffer)) > 0)
            {
                total += read;
                if (total > expected)
                {
                    return false;
                }
            }

            return total == expected;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The CRC-32 of PNG chunks (ISO 3309, as zlib computes it).</summary>
internal static class Crc32
{
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    public static uint Of(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }
}
