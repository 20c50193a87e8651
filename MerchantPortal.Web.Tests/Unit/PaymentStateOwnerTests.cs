using System.Text.RegularExpressions;
using MerchantPortal.Web.Features.Transactions;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>Decision 9 as a rule the build checks: only the payment state machine writes a payment's status.</summary>
public sealed partial class PaymentStateOwnerTests
{
    private const string Owner = "PaymentStateMachine.cs";

    [Fact]
    public void NoCodeButThePaymentStateMachineWritesAPaymentsStatus()
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(SourceFolder(), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(SourceFolder(), file);
            if (Path.GetFileName(file) == Owner || relative.Split(Path.DirectorySeparatorChar).Any(p => p is "Migrations" or "obj" or "bin"))
            {
                continue;
            }

            var code = File.ReadAllText(file);
            var touchesPayments = code.Contains("PaymentTransaction", StringComparison.Ordinal) || code.Contains(".Transactions", StringComparison.Ordinal);
            if ((touchesPayments && StatusSetter().IsMatch(code)) || StatusAssignment().IsMatch(code) || StatusSql().IsMatch(code)
                || StatusInitialiser().IsMatch(code))
            {
                offenders.Add(relative);
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void TheRuleFindsAStatusWrittenOutsideTheStateMachine()
    {
        Assert.Matches(StatusSetter(), ".ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TransactionStatuses.Failed))");
        Assert.Matches(StatusAssignment(), "transaction.Status = TransactionStatuses.Unknown;");
        Assert.Matches(StatusSql(), "UPDATE \"Transactions\" SET \"Status\" = 'failed'");
        Assert.DoesNotMatch(StatusAssignment(), "public string Status { get; set; } = TransactionStatuses.Pending;");
        // A payment made from the M-Pesa menu arrives paid; only the state machine may insert it so (RecordPaidAsync).
        Assert.Matches(StatusInitialiser(), "new PaymentTransaction { Receipt = r, Status = TransactionStatuses.Succeeded }");
        Assert.DoesNotMatch(StatusInitialiser(), "t.Status == TransactionStatuses.Succeeded");
    }

    [Theory]
    [InlineData("pending", "succeeded", true)]
    [InlineData("pending", "failed", true)]
    [InlineData("pending", "cancelled", true)]
    [InlineData("pending", "timeout", true)]
    [InlineData("pending", "unknown", true)]
    [InlineData("unknown", "succeeded", true)]
    [InlineData("unknown", "timeout", true)]
    [InlineData("unknown", "unknown", false)]
    [InlineData("unknown", "pending", false)]
    [InlineData("succeeded", "failed", false)]
    [InlineData("failed", "succeeded", false)]
    [InlineData("cancelled", "unknown", false)]
    [InlineData("pending", "pending", false)]
    public void APaymentLeavesPendingOrUnknownAndNeverAFinalStateWithoutProof(string from, string to, bool allowed) =>
        Assert.Equal(allowed, PaymentStateMachine.CanMove(from, to));

    [Theory]
    [InlineData("failed", "succeeded", true)]
    [InlineData("cancelled", "succeeded", true)]
    [InlineData("timeout", "succeeded", true)]
    [InlineData("unknown", "succeeded", true)]
    [InlineData("pending", "succeeded", true)]
    [InlineData("succeeded", "failed", false)]
    [InlineData("succeeded", "succeeded", false)]
    [InlineData("failed", "cancelled", false)]
    [InlineData("cancelled", "failed", false)]
    [InlineData("timeout", "unknown", false)]
    public void ProofOfPaymentCorrectsAFinalStateOnlyToSucceededAndNeverChangesSucceeded(string from, string to, bool allowed) =>
        Assert.Equal(allowed, PaymentStateMachine.CanMove(from, to, provesPayment: true));

    /// <summary>The web project's folder, found from the test's output folder.</summary>
    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "MerchantPortal.Web");
            if (File.Exists(Path.Combine(dir.FullName, "MerchantPortal.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("MerchantPortal.Web beside MerchantPortal.sln");
    }

    [GeneratedRegex(@"SetProperty\(\s*(\w+)\s*=>\s*\1\.Status\s*,")]
    private static partial Regex StatusSetter();

    [GeneratedRegex(@"\.Status\s*=\s*TransactionStatuses\.")]
    private static partial Regex StatusAssignment();

    [GeneratedRegex(@"\bStatus\s*=\s*TransactionStatuses\.(?!Pending\b)")]
    private static partial Regex StatusInitialiser();

    [GeneratedRegex(@"UPDATE\s+""?Transactions""?\s+SET[^;]*""?Status""?\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StatusSql();
}
