using MerchantPortal.Web.Data;
using MerchantPortal.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MerchantPortal.Web.Features.Reversals;

/// <summary>
/// The one place a reversal's state is written, each move a conditional update from the state it leaves: awaiting
/// approval → pending (approved) or failed (declined); pending → succeeded or failed (a pending one may carry a note, or
/// the no-answer flag, until then). A move that finds its reversal
/// elsewhere writes nothing and answers false (a second approver, a repeated callback).
/// </summary>
public static class ReversalRows
{
    private const int MaxDescription = 300;
    private const int MaxCode = 32;

    public static async Task<bool> ApproveAsync(PortalDbContext db, long id, string approverId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Reversals.Where(r => r.Id == id && r.Status == ReversalStatuses.AwaitingApproval)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReversalStatuses.Pending)
                .SetProperty(r => r.ApprovedById, approverId).SetProperty(r => r.ApprovedAt, now), cancellationToken) > 0;

    public static Task<bool> DeclineAsync(PortalDbContext db, long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndAsync(db, id, ReversalStatuses.AwaitingApproval, ReversalStatuses.Failed, "declined", "Declined by a second owner or admin.", now, cancellationToken);

    public static Task<bool> FailAsync(PortalDbContext db, long id, string code, string description, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndAsync(db, id, ReversalStatuses.Pending, ReversalStatuses.Failed, code, description, now, cancellationToken);

    public static Task<bool> SucceedAsync(PortalDbContext db, long id, string code, string description, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndAsync(db, id, ReversalStatuses.Pending, ReversalStatuses.Succeeded, code, description, now, cancellationToken);

    /// <summary>A note on a reversal still awaiting M-Pesa's result (why it is asked again); its state does not change.</summary>
    public static async Task<bool> NoteAsync(PortalDbContext db, long id, string description, CancellationToken cancellationToken) =>
        await db.Reversals.Where(r => r.Id == id && r.Status == ReversalStatuses.Pending && r.ResultCode == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ResultDesc, Fit(description, MaxDescription)), cancellationToken) > 0;

    /// <summary>
    /// M-Pesa answered none of the requests: the reversal stays pending (the money may have moved) with a code that
    /// says a person must look in the organisation portal; a late result still settles it.
    /// </summary>
    public static async Task<bool> FlagUnansweredAsync(PortalDbContext db, long id, int attempts, CancellationToken cancellationToken) =>
        await db.Reversals.Where(r => r.Id == id && r.Status == ReversalStatuses.Pending && r.ResultCode == null && r.Attempts == attempts)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ResultCode, UnansweredCode).SetProperty(r => r.ResultDesc,
                $"M-Pesa answered none of {attempts} requests: look this payment up in the M-Pesa organisation portal."), cancellationToken) > 0;

    public const string UnansweredCode = "no_answer";

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..max];

    private static async Task<bool> EndAsync(
        PortalDbContext db, long id, string from, string to, string code, string description, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var text = Fit(description, MaxDescription);
        code = Fit(code, MaxCode);
        return await db.Reversals.Where(r => r.Id == id && r.Status == from)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.ResultCode, code)
                .SetProperty(r => r.ResultDesc, text).SetProperty(r => r.CompletedAt, now), cancellationToken) > 0;
    }
}
