namespace SelfHeal.Delivery.Notifications.Approvals;

/// <summary>What an approval link asks for.</summary>
public enum ApprovalAction
{
    Approve,
    Reject,
}
