namespace MerchantPortal.Web.Api;

/// <summary>
/// One endpoint per action at <c>/api/{action}</c>, each running the same <see cref="ActionDispatcher"/> as
/// <c>/index.php</c>. Being real endpoints, they are what the OpenAPI document at <c>/openapi/v1.json</c> is generated
/// from (<see cref="ActionOpenApi"/>); a name no action has falls through to the router's <c>/api/{name}</c>.
/// </summary>
public static class ActionEndpoints
{
    public static void MapActionEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var (name, route) in Actions.Table)
        {
            var contract = ActionContracts.All[name];
            string[] methods = route.AllowGet ? [HttpMethods.Get, HttpMethods.Post] : [HttpMethods.Post];
            Func<HttpContext, Task<IResult>> handle = http => ActionDispatcher.HandleAsync(http, name);
            app.MapMethods($"{ApiPaths.Prefix}/{name}", methods, (Delegate)handle)
                .WithName(name)
                .WithSummary(contract.Summary)
                .WithTags(contract.Tag)
                .WithMetadata(new ActionEndpointMetadata(name, route, contract));
        }
    }
}

/// <summary>Which action an <c>/api/{action}</c> endpoint runs, read by the OpenAPI transformer.</summary>
public sealed record ActionEndpointMetadata(string Name, ActionRoute Route, ActionContract Contract);
