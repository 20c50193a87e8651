using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using MerchantPortal.Web.Features.Common;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Mpesa;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.C2B;

/// <summary>How the last registration of an account's C2B URLs went, as the account page shows it.</summary>
public sealed record C2BRegistration(bool Ok, string Answer, DateTimeOffset At);

/// <summary>
/// Registers an account's C2B URLs with Daraja (<c>registerurl</c>) so that payments made from the M-Pesa menu are
/// confirmed to the portal: asked after an account is saved, when its Daraja credentials change, when its validation
/// settings change, and on demand. The URLs carry the account's token (made once, 160 random bits in hex, which cannot
/// spell a word Daraja refuses in URLs) and name the validation URL only when validation is on. The answer is kept on
/// the account; a refusal never undoes the save that asked for it.
/// </summary>
public sealed class C2BRegistrar(
    PortalDbContext db,
    DarajaClient daraja,
    DarajaCredentialsProvider credentials,
    DarajaReadiness readiness,
    PublicUrls urls,
    TimeProvider time,
    ILogger<C2BRegistrar> logger)
{
    private const int MaxAnswer = 300;

    public async Task<C2BRegistration> RegisterAsync(long accountId, CancellationToken cancellationToken)
    {
        var account = await WithTokenAsync(accountId, cancellationToken);
        var (ok, answer) = await AskDarajaAsync(account, cancellationToken);
        var registration = new C2BRegistration(ok, answer.Length <= MaxAnswer ? answer : answer[..MaxAnswer], time.GetUtcNow());
        await db.PaymentAccounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.C2BRegisteredAt, registration.At)
            .SetProperty(a => a.C2BRegistrationOk, registration.Ok)
            .SetProperty(a => a.C2BRegistrationAnswer, registration.Answer), cancellationToken);
        return registration;
    }

    /// <summary>The account, its URL token made first if it had none (Pull Transactions' registration names it too).</summary>
    public async Task<PaymentAccount> WithTokenAsync(long accountId, CancellationToken cancellationToken)
    {
        // The token is made once; two registrations at the same moment keep the first one written.
        await db.PaymentAccounts.Where(a => a.Id == accountId && a.C2BToken == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.C2BToken, Ids.NewCallbackToken()), cancellationToken);
        return await db.PaymentAccounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
    }

    private async Task<(bool Ok, string Answer)> AskDarajaAsync(PaymentAccount account, CancellationToken cancellationToken)
    {
        // Under the live rules an account without its own Daraja app would only be refused: say what it needs instead.
        if (readiness.RefusePush(account) is { } notReady)
        {
            return (false, "Not registered: " + notReady.Message);
        }

        if (!credentials.TryFor(account, out var app))
        {
            return (false, "Not registered: the saved Daraja credentials can no longer be read. Enter them again.");
        }

        // The number customers pay: a paybill, or the till itself (its store number is only a push's BusinessShortCode),
        // as the simulator serves C2B; to check against Daraja's sandbox with a real till.
        var shortCode = account.Number;
        var command = new C2BRegisterCommand(shortCode, account.C2BResponseType, urls.C2BConfirmation(account.C2BToken!),
            account.C2BValidation ? urls.C2BValidation(account.C2BToken!) : null);
        var answer = await daraja.RegisterC2BUrlsAsync(app, command, cancellationToken);
        if (answer.Succeeded)
        {
            logger.LogInformation("C2B URLs of account {AccountId} registered on {ShortCode}", account.Id, shortCode);
            return (true, answer.Value!.ResponseDescription is { Length: > 0 } said ? said : "Success");
        }

        var failure = answer.Failure!;
        logger.LogWarning("C2B URLs of account {AccountId} not registered: {Code} {Message}", account.Id, failure.Code, failure.Message);
        return (false, $"{failure.Code}: {failure.Message}");
    }
}
