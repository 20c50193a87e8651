using FluentValidation;

namespace MerchantPortal.Web.Features.Members;

/// <summary>Invite someone by email to the acting business with a role.</summary>
public sealed record InviteMemberRequest(string? Email, string? Role);

/// <summary>Accept an invitation by making a new sign-in (someone who has none yet).</summary>
public sealed record AcceptWithNewSignInRequest(string? Token, string? Username, string? Password);

public sealed class InviteMemberRequestValidator : AbstractValidator<InviteMemberRequest>
{
    public InviteMemberRequestValidator()
    {
        RuleFor(r => r.Email)
            .NotEmpty().WithErrorCode("invalid_email").WithMessage("email is required.")
            .MaximumLength(254).WithErrorCode("invalid_email").WithMessage("email is too long.")
            .Matches(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$").WithErrorCode("invalid_email").WithMessage("email is not a valid email address.");
        RuleFor(r => r.Role)
            .NotEmpty().WithErrorCode("invalid_role").WithMessage("role is required: " + string.Join(", ", MemberRoles.All) + ".")
            .Must(MemberRoles.IsRole).WithErrorCode("invalid_role")
            .WithMessage("role must be one of " + string.Join(", ", MemberRoles.All) + ".");
    }
}
