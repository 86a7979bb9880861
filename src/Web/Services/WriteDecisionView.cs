namespace Proxus.Web.Services;

/// <summary>
/// What the caller may do with a request now. <see cref="NotApprovableBecause"/> explains to a
/// person holding Approver why they cannot approve or reject it (their own request, or their approval
/// of a critical tag already given); null when they may, or when they are no approver.
/// </summary>
public sealed record WriteDecisionView(bool MayApprove, string? NotApprovableBecause, bool MayCancel);
