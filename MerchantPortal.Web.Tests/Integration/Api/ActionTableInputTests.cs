using System.Net;
using MerchantPortal.Web.Api;
using MerchantPortal.Web.Tests.Support;

namespace MerchantPortal.Web.Tests.Integration.Api;

/// <summary>
/// Walks the whole action table: from a valid request for each action, each field is removed, blanked or replaced by
/// something hostile, in each body type. Nothing may answer 5xx or leave the envelope; a missing required field is a
/// 400 that names it.
/// </summary>
public abstract class ActionTableInputTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PortalApp
{
    private static readonly string[] Blanks = ["", " ", "\t \r\n"];

    private static readonly string[] Hostile =
    [
        new('a', 100_000), new('9', 100_000), "x\0y", "\0", "\u0001\u001b[31m\u007f\u0085", "💳🙂👍🏽", "\u202Eevil\u202C\u200F",
        "٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "０７１２３４５６７８", "' OR '1'='1'; DROP TABLE \"Transactions\"; --",
        "<script>alert(1)</script>", "-1", "1e3", "null", "#00001\0",
    ];

    /// <summary>Values only JSON can carry: a lone surrogate, and values that are not strings.</summary>
    private static readonly string[] JsonOnly = ["\"\\ud800\"", "{\"$gt\":0}", "[1,2]", "true", "1e400", "-0"];

    [Fact]
    public async Task TheWalkHasAValidRequestForEveryActionInTheTable()
    {
        var walk = await ActionTableWalk.StartAsync(app);

        Assert.Equal(Actions.Table.Keys.Order(), walk.Requests.Keys.Order());
    }

    [Theory]
    [InlineData(BodyKind.Multipart)]
    [InlineData(BodyKind.UrlEncoded)]
    [InlineData(BodyKind.Json)]
    public async Task ARequiredFieldMissingOrBlankIsA400NamingItOnEveryAction(BodyKind kind)
    {
        var walk = await ActionTableWalk.StartAsync(app);
        var problems = new List<string>();

        foreach (var (action, fields) in walk.Requests)
        {
            foreach (var field in fields.Where(f => f.Required))
            {
                var blanks = Blanks.Select(b => (string?)b).Prepend(null);
                foreach (var blank in kind == BodyKind.Json ? blanks.Append("\u0000null") : blanks)
                {
                    var sent = fields.Where(f => f != field || blank is not null)
                        .Select(f => (f.Name, Value: f == field ? (blank == "\u0000null" ? null : blank) : f.Value())).ToList();
                    var (status, body, problem) = await walk.SendAsync(kind, action, sent);
                    problems.AddIf(problem);
                    if (problem is null && (status != HttpStatusCode.BadRequest
                        || !body.TryGetProperty("errors", out var errors) || !errors.TryGetProperty(field.Name, out _)))
                    {
                        problems.Add($"{action} without {field.Name} ({(blank is null ? "absent" : $"'{blank}'")}, {kind}): {(int)status} {body}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)) + $"\n({problems.Count} problems)");
    }

    [Theory]
    [InlineData(BodyKind.Multipart)]
    [InlineData(BodyKind.UrlEncoded)]
    [InlineData(BodyKind.Json)]
    public async Task NoHostileValueInAnyFieldOfAnyActionGetsA5xxOrLeavesTheEnvelope(BodyKind kind)
    {
        var walk = await ActionTableWalk.StartAsync(app);
        var problems = new List<string>();

        foreach (var (action, fields) in walk.Requests)
        {
            var valid = fields.Select(f => (f.Name, Value: (string?)f.Value())).ToList();
            problems.AddIf((await walk.SendAsync(kind, action, valid)).Problem);
            foreach (var field in fields.Append(new WalkField("unexpected", () => "")))
            {
                foreach (var value in Hostile)
                {
                    var sent = fields.Where(f => f != field).Select(f => (f.Name, Value: (string?)f.Value())).Append((field.Name, value)).ToList();
                    problems.AddIf((await walk.SendAsync(kind, action, sent)).Problem);
                }

                if (kind == BodyKind.Json)
                {
                    foreach (var raw in JsonOnly)
                    {
                        var sent = fields.Where(f => f != field).Select(f => (f.Name, Value: (string?)f.Value())).ToList();
                        problems.AddIf((await walk.SendAsync(kind, action, sent, $"\"{field.Name}\":{raw}")).Problem);
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)) + $"\n({problems.Count} problems)");
    }
}

internal static class ProblemLists
{
    public static void AddIf(this List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}

public sealed class SqliteActionTableInputTests(SqliteApp app) : ActionTableInputTests<SqliteApp>(app);

public sealed class PostgresActionTableInputTests(PostgresApp app) : ActionTableInputTests<PostgresApp>(app);
