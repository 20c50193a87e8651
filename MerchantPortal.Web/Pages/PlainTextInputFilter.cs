using MerchantPortal.Web.Features.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MerchantPortal.Web.Pages;

/// <summary>
/// The pages' side of <see cref="PlainText"/>: a form, query or route value with a control character or broken
/// Unicode is a 400 before any handler runs, as <c>/index.php</c> refuses it, so no page hands one to the database.
/// Passwords are exempt, as in the API: they are hashed, never stored as typed.
/// </summary>
public sealed class PlainTextInputFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        var values = request.Query.Select(q => (q.Key, Values: (IEnumerable<string?>)q.Value))
            .Concat(context.RouteData.Values.Select(r => (r.Key, Values: (IEnumerable<string?>)[r.Value as string])));
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            values = values.Concat(form.Select(f => (f.Key, Values: (IEnumerable<string?>)f.Value)));
        }

        if (values.Any(v => !PlainText.IsPlain(v.Key)
            || (!v.Key.EndsWith("Password", StringComparison.OrdinalIgnoreCase) && !v.Values.All(PlainText.IsPlain))))
        {
            context.Result = new BadRequestResult();
            return;
        }

        await next();
    }
}
