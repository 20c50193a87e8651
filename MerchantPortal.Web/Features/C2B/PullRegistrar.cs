using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>
/// Registers an account's shortcode for Pull Transactions (<c>pulltransactions/v1/register</c>) with the nominated
/// number, and keeps Daraja's answer on the account with Pull switched on. Daraja's "already registered" counts as
/// registered; a refusal or silence is kept as the answer (the worker skips the account until it is registered).
/// </summary>
public sealed class PullRegistrar(
    PortalDbContext db,
    DarajaClient daraja,
    DarajaCredentialsProvider credentials,
    DarajaReadiness readiness,
    C2BRegistrar c2b,
    PublicUrls urls,
    TimeProvider time,
    ILogger<PullRegistrar> logger)
{
    private const int MaxAnswer = 300;

    /// <param name="nominatedNumber">The 12-digit MSISDN on the shortcode's KYC (Daraja takes 2547… as well as 07…).</param>
    public async Task<C2BRegistration> RegisterAsync(PaymentAccount account, string nominatedNumber, CancellationToken cancellationToken)
    {
        var (ok, answer) = await AskDarajaAsync(account, nominatedNumber, cancellationToken);
        var registration = new C2BRegistration(ok, answer.Length <= MaxAnswer ? answer : answer[..MaxAnswer], time.GetUtcNow());
        await db.PaymentAccounts.Where(a => a.Id == account.Id && a.MerchantId == account.MerchantId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.PullEnabled, true)
            .SetProperty(a => a.PullNominatedNumber, nominatedNumber)
            .SetProperty(a => a.PullRegisteredAt, registration.At)
            .SetProperty(a => a.PullRegistrationOk, registration.Ok)
            .SetProperty(a => a.PullRegistrationAnswer, registration.Answer), cancellationToken);
        return registration;
    }

    private async Task<(bool Ok, string Answer)> AskDarajaAsync(PaymentAccount account, string nominatedNumber, CancellationToken cancellationToken)
    {
        if (readiness.RefusePush(account) is { } notReady)
        {
            return (false, "Not registered: " + notReady.Message);
        }

        if (!credentials.TryFor(account, out var app))
        {
            return (false, "Not registered: the saved Daraja credentials can no longer be read. Enter them again.");
        }

        // Daraja asks for a callback URL but documents nothing it sends there; the account's confirmation URL is given,
        // so anything shaped like a confirmation would still be recorded once.
        var withToken = await c2b.WithTokenAsync(account.Id, cancellationToken);
        var command = new PullRegisterCommand(account.Number, nominatedNumber, urls.C2BConfirmation(withToken.C2BToken!));
        var answer = await daraja.RegisterPullAsync(app, command, cancellationToken);
        if (answer.Succeeded)
        {
            logger.LogInformation("Account {AccountId} registered for Pull Transactions on {ShortCode}", account.Id, account.Number);
            return (true, answer.Value!.Description is { Length: > 0 } said ? said : "Registered");
        }

        logger.LogWarning("Account {AccountId} not registered for Pull Transactions: {Code} {Message}", account.Id, answer.Failure!.Code, answer.Failure.Message);
        return (false, $"{answer.Failure.Code}: {answer.Failure.Message}");
    }
}
