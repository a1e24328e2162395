namespace Portal.Web.Api.Reviews;

/// <summary>A close was queued: follow its progress on the review (<c>review.closing</c>).</summary>
public sealed record CloseAccepted(string Quarter, Guid Run, string Status);
