using FluentValidation;
using FluentValidation.AspNetCore;
using MerchantPortal.Web.Areas.Identity.Pages.Account;
using MerchantPortal.Web.Areas.Identity.Pages.Account.Manage;
using MerchantPortal.Web.Features.Admin;
using MerchantPortal.Web.Features.Business;
using MerchantPortal.Web.Features.Merchants;
using MerchantPortal.Web.Features.PaymentAccounts;
using MerchantPortal.Web.Features.PaymentLinks;
using MerchantPortal.Web.Pages.Admin.Plans;
using MerchantPortal.Web.Pages.Forms;
using MerchantPortal.Web.Pages.PaymentAccounts;
using MerchantPortal.Web.Pages.PaymentLinks;
using MerchantPortal.Web.Pages.Settings;

namespace MerchantPortal.Web.Hosting;

public static class FormServiceCollectionExtensions
{
    /// <summary>
    /// Forms check in the browser with the services' own FluentValidation rules (data-val-* attributes read by
    /// jquery-validation-unobtrusive), worded as the pages word them. Only the client adapters: MVC's automatic
    /// FluentValidation stays off, as FluentValidation advises; the services validate and stay the authority.
    /// </summary>
    public static WebApplicationBuilder AddPortalForms(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFluentValidationClientsideAdapters(provider =>
        {
            foreach (var (type, adapter) in provider.ClientValidatorFactories.ToList())
            {
                provider.ClientValidatorFactories[type] = (context, rule, component) =>
                    new PlainWordedClientValidator(adapter(context, rule, component), rule.PropertyName);
            }
        });

        // Each form (or page model binding fields itself) with the request its page sends.
        Describe<RegisterModel, RegisterRequest>(services);
        Describe<LoginModel, LoginRequest>(services, (nameof(LoginModel.Login), nameof(LoginRequest.User)));
        Describe<PaymentAccountForm, SavePaymentAccountRequest>(services);
        Describe<CredentialsForm, SaveAccountCredentialsRequest>(services);
        Describe<PaymentLinkForm, CreateLinkRequest>(services);
        Describe<BusinessForm, SaveProfileRequest>(services);
        Describe<PlanForm, SavePlanRequest>(services);
        Describe<ChangePasswordModel, ChangePasswordRequest>(services);
        Describe<ResetPasswordModel, ResetPasswordRequest>(services);
        return builder;
    }

    private static void Describe<TForm, TRequest>(IServiceCollection services, params (string Form, string Request)[] renames) =>
        services.AddSingleton<IValidator<TForm>>(s => new FormRules<TForm, TRequest>(s.GetRequiredService<IValidator<TRequest>>(), renames));
}
