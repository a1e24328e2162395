namespace Portal.Ingest.GitHub;

/// <summary>GitHub did not answer usefully after every retry (5xx, timeouts, network).</summary>
public sealed class GitHubUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
