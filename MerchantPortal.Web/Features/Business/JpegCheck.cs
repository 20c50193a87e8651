using System.Buffers.Binary;

namespace MerchantPortal.Web.Features.Business;

/// <summary>
/// A JPEG walked marker by marker from SOI to EOI: every segment's length inside the file, a frame header (SOF) with
/// the size before the first scan, entropy-coded data only between markers, and EOI as the last two bytes. Null when
/// any of it fails.
/// </summary>
internal static class JpegCheck
{
    public static bool HasSignature(ReadOnlySpan<byte> bytes) => bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;

    public static LogoImage? Read(ReadOnlySpan<byte> bytes)
    {
        var position = 2;
        int width = 0, height = 0;
        var scans = 0;
        while (position + 1 < bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                return null;
            }

            var marker = bytes[position + 1];
            position += 2;
            if (marker == 0xFF)
            {
                position--; // fill byte: the marker follows
                continue;
            }

            if (marker == 0xD9)
            {
                // EOI must end the file: bytes after it are where something else would hide.
                return position == bytes.Length && scans > 0 && width > 0 && height > 0 ? new LogoImage("image/jpeg", width, height) : null;
            }

            if (marker is 0x00 or 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7) || position + 2 > bytes.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length < 2 || position + length > bytes.Length)
            {
                return null;
            }

            var segment = bytes.Slice(position + 2, length - 2);
            position += length;
            if (IsFrameHeader(marker))
            {
                if (segment.Length < 6 || width > 0)
                {
                    return null;
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                if (segment.Length != 6 + (3 * segment[5]) || segment[5] is 0 or > 4)
                {
                    return null;
                }
            }
            else if (marker == 0xDA)
            {
                if (width == 0)
                {
                    return null;
                }

                scans++;
                position = SkipEntropyData(bytes, position);
                if (position < 0)
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.</summary>
    private static bool IsFrameHeader(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    /// <summary>The position of the next marker after a scan's data (stuffed FF00 and restart markers are data), or -1.</summary>
    private static int SkipEntropyData(ReadOnlySpan<byte> bytes, int position)
    {
        while (position + 1 < bytes.Length)
        {
            if (bytes[position] == 0xFF && bytes[position + 1] is not (0x00 or (>= 0xD0 and <= 0xD7)) && bytes[position + 1] != 0xFF)
            {
                return position;
            }

            position++;
        }

        return -1;
    }
}
