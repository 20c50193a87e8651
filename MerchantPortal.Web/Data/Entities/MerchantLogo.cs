namespace MerchantPortal.Web.Data.Entities;

/// <summary>
/// A merchant's logo, kept in the database so every instance serves it, and in its own row so the merchant row that
/// Identity loads on each request stays small. Only bytes that passed the logo checks are ever stored.
/// </summary>
public class MerchantLogo
{
    public string MerchantId { get; set; } = "";

    public byte[] Content { get; set; } = [];

    /// <summary>image/png, image/jpeg or image/webp, decided from the bytes, never from the upload's name or type.</summary>
    public string ContentType { get; set; } = "";

    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Hex SHA-256 of the content: the ETag and the version in the logo's URL.</summary>
    public string Sha256 { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
