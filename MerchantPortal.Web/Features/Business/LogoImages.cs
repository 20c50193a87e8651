using System.Text;
using MerchantPortal.Web.Features.Common;

namespace MerchantPortal.Web.Features.Business;

/// <summary>What the checks found in an accepted logo.</summary>
public sealed record LogoImage(string ContentType, int Width, int Height);

/// <summary>
/// The one gate for uploaded logos. The format comes from the bytes alone (never the file name or the declared type),
/// and the whole file must be that format from its signature to its end marker, so nothing can ride behind or inside
/// it: HTML after a PNG header, an SVG, a GIF or any other file is refused. No image library is used (none that is
/// safe and free restores here): PNGs are inflated and measured, JPEG and WebP structures walked to their end.
/// </summary>
public static class LogoImages
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Enough for any logo; it also bounds the work of inflating a PNG (a small file may claim a huge image).</summary>
    public const int MaxSide = 2048;

    public const string Formats = "a PNG, JPEG or WebP image";

    /// <summary>Markup a browser could run if it were ever sniffed as a document: never part of a real logo.</summary>
    private static readonly string[] Markup = ["<script", "<html", "<svg", "<!doctype", "<body", "<iframe", "<object", "<embed", "<?php"];

    public static Result<LogoImage> Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return Refused("logo_missing", "Choose an image file to upload.");
        }

        if (CheckLength(bytes.Length) is { } tooLarge)
        {
            return tooLarge;
        }

        var (format, found) = bytes switch
        {
            _ when PngCheck.HasSignature(bytes) => ("PNG", PngCheck.Read(bytes)),
            _ when JpegCheck.HasSignature(bytes) => ("JPEG", JpegCheck.Read(bytes)),
            _ when WebpCheck.HasSignature(bytes) => ("WebP", WebpCheck.Read(bytes)),
            _ => ("", null),
        };
        if (format.Length == 0)
        {
            return Refused("logo_unsupported_type", $"The logo must be {Formats}; this file is not one (SVG, GIF and other files are refused).");
        }

        if (found is null || ContainsMarkup(bytes))
        {
            return Refused("logo_damaged", $"This file starts like a {format} image but is not a complete, valid one. Export it again as {Formats}.");
        }

        if (found.Width < 1 || found.Height < 1 || found.Width > MaxSide || found.Height > MaxSide)
        {
            return Refused("logo_dimensions", $"The logo is {found.Width}×{found.Height} pixels; it must be at most {MaxSide}×{MaxSide}.");
        }

        return found;
    }

    /// <summary>The refusal of a file too large to be a logo (known from its length alone), or null.</summary>
    public static ServiceError? CheckLength(long length)
    {
        if (length <= MaxBytes)
        {
            return null;
        }

        var kilobytes = ((length + 1023) / 1024).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        return Refused("logo_too_large", $"The logo is {kilobytes} KB; it must be at most 1 MB (1,024 KB).");
    }

    private static bool ContainsMarkup(ReadOnlySpan<byte> bytes)
    {
        foreach (var tag in Markup)
        {
            var needle = Encoding.ASCII.GetBytes(tag);
            for (var i = bytes.IndexOf(needle[0]); i >= 0 && i + needle.Length <= bytes.Length; i = Next(bytes, i, needle[0]))
            {
                if (Ascii.EqualsIgnoreCase(bytes.Slice(i, needle.Length), needle))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int Next(ReadOnlySpan<byte> bytes, int from, byte first)
    {
        var next = bytes[(from + 1)..].IndexOf(first);
        return next < 0 ? -1 : from + 1 + next;
    }

    private static ServiceError Refused(string code, string message) => ServiceError.Invalid(code, message, "logo");
}
