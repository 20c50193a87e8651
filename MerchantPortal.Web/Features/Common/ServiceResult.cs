namespace MerchantPortal.Web.Features.Common;

/// <summary>What kind of expected failure a service reports; the API maps it to an HTTP status.</summary>
public enum ErrorKind
{
    Invalid,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    Upstream,

    /// <summary>The merchant's portal subscription does not allow this (HTTP 402).</summary>
    PaymentRequired,
}

/// <summary>An expected failure: a stable machine code, a message for people, and per-field messages.</summary>
public sealed record ServiceError(
    ErrorKind Kind,
    string Code,
    string Message,
    IReadOnlyDictionary<string, string>? Fields = null,
    object? Data = null)
{
    /// <summary>
    /// The customer's status token of a payment that was started and may still go through (M-Pesa's answer to the push
    /// was unclear): the customer's pages follow that payment instead of asking for another. Never sent to API callers.
    /// </summary>
    public string? PendingStatusToken { get; init; }

    public static ServiceError Invalid(string code, string message, string? field = null) =>
        new(ErrorKind.Invalid, code, message, field is null ? null : new Dictionary<string, string> { [field] = message });

    public static ServiceError NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    public static ServiceError Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);
}

/// <summary>A value or an expected failure.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, ServiceError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public ServiceError? Error { get; }

    public bool Succeeded => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(ServiceError error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(ServiceError error) => Fail(error);
}
