using Portal.Domain.Security;

namespace Portal.Web.Cli;

/// <summary>Who creates an API token on the command line: the operating system's user, as <c>cli:&lt;user&gt;</c>.</summary>
public static class CliTokenCreator
{
    /// <summary>The admin actor <c>cli:&lt;user&gt;</c> (<c>cli:unknown</c> when the system does not say who runs the command).</summary>
    public static Actor ForOsUser(string? userName)
    {
        var user = string.IsNullOrWhiteSpace(userName) ? "unknown" : userName.Trim();
        return new Actor("cli:" + user, $"Command line ({user})", PortalRole.Admin, new HashSet<Guid>());
    }
}
