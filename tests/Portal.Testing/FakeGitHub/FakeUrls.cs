namespace Portal.Testing.FakeGitHub;

/// <summary>
/// The addresses of one answer: <see cref="Root"/> is the fake's own address (where GitHub Enterprise puts web
/// pages and avatars), <see cref="Api"/> the REST base the request used (with or without <c>api/v3/</c>).
/// </summary>
internal sealed record FakeUrls(string Root, string Api);
