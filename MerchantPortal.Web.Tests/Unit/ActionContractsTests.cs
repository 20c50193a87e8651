using System.Text.RegularExpressions;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Unit;

/// <summary>The actions' contracts (what the OpenAPI document says) cannot drift from the action table or the handlers.</summary>
public sealed partial class ActionContractsTests
{
    [Fact]
    public void EveryActionHasAContractAndEveryContractAnAction()
    {
        Assert.Equal(Actions.Table.Keys.Order(StringComparer.Ordinal), ActionContracts.All.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryFieldAHandlerReadsIsInItsContractAndNoContractNamesAFieldTwice()
    {
        var missing = new List<string>();
        foreach (var (name, route) in Actions.Table)
        {
            var method = route.Handle.Method;
            var source = File.ReadAllText(Path.Combine(SourceTree.WebProject(), "Api", method.DeclaringType!.Name + ".cs"));
            var fields = ActionContracts.All[name].Fields.Select(f => f.Name).ToList();
            Assert.Equal(fields.Count, fields.Distinct(StringComparer.Ordinal).Count());
            foreach (var read in FieldsRead(source, method.Name))
            {
                if (!fields.Contains(read))
                {
                    missing.Add($"{name} reads {read}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void TheCheckFindsTheFieldsAHandlerReads()
    {
        var source = File.ReadAllText(Path.Combine(SourceTree.WebProject(), "Api", "Actions.cs"));

        Assert.Contains("callback_url", FieldsRead(source, "ApiStkAsync"));
        Assert.Contains("uid", FieldsRead(source, "PayFromLinkAsync"));
    }

    /// <summary>The <c>["field"]</c> reads in the method's body: from its declaration to the next member.</summary>
    private static IEnumerable<string> FieldsRead(string source, string method)
    {
        var start = source.IndexOf(" " + method + "(ActionCall call)", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{method} not found");
        var next = MemberStart().Match(source, start + method.Length + 2);
        var body = source[start..(next.Success ? next.Index : source.Length)];
        return FieldRead().Matches(body).Select(m => m.Groups[1].Value).Distinct();
    }

    [GeneratedRegex(@"\n    (?:public|private|internal) ")]
    private static partial Regex MemberStart();

    [GeneratedRegex(@"(?:Input|\bi)\[""([A-Za-z_]+)""\]")]
    private static partial Regex FieldRead();
}
