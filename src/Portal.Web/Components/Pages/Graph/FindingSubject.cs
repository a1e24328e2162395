namespace Portal.Web.Components.Pages.Graph;

/// <summary>Something a finding is about: a service, resource or team, with its page when it has one.</summary>
public sealed record FindingSubject(string Label, string? Href);
