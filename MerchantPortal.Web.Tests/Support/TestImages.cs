using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MerchantPortal.Web.Tests.Support;

/// <summary>Real, tiny images made byte by byte, and the files a logo upload must refuse.</summary>
public static class TestImages
{
    /// <summary>An RGB PNG of a plain colour, compressed with zlib like any encoder would.</summary>
    public static byte[] Png(int width = 2, int height = 2, params (string Type, byte[] Data)[] extraChunks)
    {
        var raw = new byte[height * (1 + (width * 3))];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = i % (1 + (width * 3)) == 0 ? (byte)0 : (byte)0xC0;
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        foreach (var (type, data) in extraChunks)
        {
            WriteChunk(png, type, data);
        }

        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A baseline greyscale JPEG: JFIF, one quantisation table, a frame of the given size, one-code Huffman tables and
    /// a scan whose every 8×8 block is "DC unchanged, end of block" (a flat grey picture any decoder shows).
    /// </summary>
    public static byte[] Jpeg(int width = 2, int height = 2, byte[]? comment = null)
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        Segment(jpeg, 0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        if (comment is not null)
        {
            Segment(jpeg, 0xFE, comment);
        }

        Segment(jpeg, 0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);
        Segment(jpeg, 0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        byte[] oneCode = [1, .. new byte[15], 0];
        Segment(jpeg, 0xC4, [0x00, .. oneCode]);
        Segment(jpeg, 0xC4, [0x10, .. oneCode]);
        Segment(jpeg, 0xDA, [1, 1, 0x00, 0, 63, 0]);
        var blocks = ((width + 7) / 8) * ((height + 7) / 8);
        var bits = new StringBuilder().Insert(0, "00", blocks).ToString();
        bits = bits.PadRight((bits.Length + 7) / 8 * 8, '1');
        for (var i = 0; i < bits.Length; i += 8)
        {
            var b = Convert.ToByte(bits.Substring(i, 8), 2);
            jpeg.WriteByte(b);
            if (b == 0xFF)
            {
                jpeg.WriteByte(0); // byte stuffing
            }
        }

        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>A 1×1 lossless WebP (VP8L), as cwebp writes it.</summary>
    public static byte[] WebpLossless() => Convert.FromHexString(
        "524946461a000000574542505650384c0d0000002f00000010071011118888fe0700");

    /// <summary>A 1×1 lossy WebP (VP8 key frame).</summary>
    public static byte[] WebpLossy() => Convert.FromHexString(
        "52494646220000005745425056503820160000003001009d012a010001000ec0fe25a400037000000000");

    /// <summary>A 1×1 extended WebP: VP8X canvas, an alpha chunk, then the VP8 frame.</summary>
    public static byte[] WebpExtended() => Convert.FromHexString(
        "524946464a00000057454250565038580a00000010000000000000000000414c50480c00000011071011fd0f4444ff030000"
        + "56503820180000001401009d012a010001000000fe00000dc000fee6b5000000");

    public static byte[] Svg() => Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(document.cookie)</script></svg>");

    /// <summary>The eight bytes of a PNG signature and then a web page.</summary>
    public static byte[] PngHeaderOnHtml() =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "<html><script>alert(document.cookie)</script></html>"u8];

    /// <summary>A 1×1 GIF.</summary>
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc(typed));
        png.Write(number);
    }

    private static void Segment(Stream jpeg, byte marker, byte[] data)
    {
        jpeg.Write([0xFF, marker, (byte)((data.Length + 2) >> 8), (byte)(data.Length + 2)]);
        jpeg.Write(data);
    }

    private static uint Crc(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
        }

        return c ^ 0xFFFFFFFFu;
    }
}
