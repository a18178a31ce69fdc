namespace SelfHeal.Delivery.Notifications.Approvals;

/// <summary>The outcome of <see cref="ApprovalLinks.Verify"/>: the action when the link is good, else why not.</summary>
public sealed record ApprovalLinkCheck(bool IsValid, ApprovalAction? Action, string? Reason)
{
    public static ApprovalLinkCheck Valid(ApprovalAction action) => new(true, action, null);

    public static ApprovalLinkCheck Invalid(string reason) => new(false, null, reason);
}
