using System.Buffers.Binary;

namespace MerchantPortal.Web.Features.Business;

/// <summary>
/// A WebP read from its RIFF container: the RIFF size equal to the file's, every chunk inside it, and the image size
/// from the VP8 (lossy), VP8L (lossless) or VP8X (extended) header, which must be followed by image data. Animated
/// WebP is refused: a logo is one still picture. Null when any of it fails.
/// </summary>
internal static class WebpCheck
{
    public static bool HasSignature(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WEBP"u8);

    public static LogoImage? Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 20 || BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]) + 8L != bytes.Length)
        {
            return null;
        }

        var position = 12;
        (int Width, int Height)? size = null;
        var hasImage = false;
        var first = true;
        while (position < bytes.Length)
        {
            if (position + 8 > bytes.Length)
            {
                return null;
            }

            var type = bytes.Slice(position, 4);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(position + 4)..]);
            if (position + 8 + (long)length > bytes.Length)
            {
                return null;
            }

            var data = bytes.Slice(position + 8, (int)length);
            position += 8 + (int)length + (int)(length & 1);
            if (type.SequenceEqual("VP8 "u8) || type.SequenceEqual("VP8L"u8))
            {
                var frame = type[3] == (byte)'L' ? Lossless(data) : Lossy(data);
                if (frame is null || (size is { } canvas && canvas != frame))
                {
                    return null;
                }

                size ??= frame;
                hasImage = true;
            }
            else if (first && type.SequenceEqual("VP8X"u8))
            {
                size = Extended(data);
                if (size is null)
                {
                    return null;
                }
            }
            else if (first || type.SequenceEqual("ANIM"u8) || type.SequenceEqual("ANMF"u8))
            {
                return null;
            }

            first = false;
        }

        return position == bytes.Length && hasImage && size is { } s ? new LogoImage("image/webp", s.Width, s.Height) : null;
    }

    /// <summary>A key frame: frame tag, start code 9D 01 2A, then 14-bit width and height.</summary>
    private static (int, int)? Lossy(ReadOnlySpan<byte> data) =>
        data.Length >= 10 && (data[0] & 1) == 0 && data[3] == 0x9D && data[4] == 0x01 && data[5] == 0x2A
            ? (BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF)
            : null;

    /// <summary>Signature 2F, then 14 bits of width − 1, 14 of height − 1, the alpha bit and a version that must be 0.</summary>
    private static (int, int)? Lossless(ReadOnlySpan<byte> data)
    {
        if (data.Length < 5 || data[0] != 0x2F)
        {
            return null;
        }

        var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
        return bits >> 29 == 0 ? ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1) : null;
    }

    /// <summary>Flags (animation refused), three reserved bytes, then 24-bit canvas width − 1 and height − 1.</summary>
    private static (int, int)? Extended(ReadOnlySpan<byte> data)
    {
        const byte animation = 0x02;
        if (data.Length != 10 || (data[0] & animation) != 0)
        {
            return null;
        }

        static int Read24(ReadOnlySpan<byte> b) => b[0] | (b[1] << 8) | (b[2] << 16);
        return (Read24(data[4..]) + 1, Read24(data[7..]) + 1);
    }
}
