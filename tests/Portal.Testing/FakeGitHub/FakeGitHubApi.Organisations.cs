using System.Globalization;

namespace Portal.Testing.FakeGitHub;

/// <summary>The fake's organisation, team and people routes.</summary>
internal sealed partial class FakeGitHubApi
{
    // ---- Organisations, teams, people ------------------------------------------------------------

    private FakeResponse Orgs(FakeApiRequest request, string[] s)
    {
        if (s.Length < 2 || state.FindOrg(s[1]) is not { } org)
        {
            return FakeResponse.NotFound(Docs.Org);
        }

        return s.Length switch
        {
            2 => FakeResponse.Json(GitHubJson.Organization(
                request.Urls,
                org,
                org.ReposCore.Count(r => r.Visibility == "public"),
                org.ReposCore.Count(r => r.Visibility != "public"))),
            3 when s[2] == "repos" => OrgRepos(request, org),
            3 when s[2] == "teams" => Page(request, org.TeamsCore, t => GitHubJson.Team(request.Urls, t, Parent(t), full: false)),
            3 when s[2] == "members" => OrgMembers(request, org),
            _ when s.Length >= 4 && s[2] == "teams" => TeamRoutes(request, org.FindTeam(s[3]), s[4..]),
            _ => FakeResponse.NotFound(),
        };
    }

    /// <summary>GitHub's canonical team URLs: <c>/organizations/{org_id}/team/{team_id}[/members|/teams]</c>.</summary>
    private FakeResponse Organizations(FakeApiRequest request, string[] s)
    {
        if (s.Length < 2 || !long.TryParse(s[1], CultureInfo.InvariantCulture, out var orgId) || state.FindOrg(orgId) is not { } org)
        {
            return FakeResponse.NotFound();
        }

        if (s.Length >= 4 && s[2] == "team" && long.TryParse(s[3], CultureInfo.InvariantCulture, out var teamId))
        {
            return TeamRoutes(request, org.FindTeam(teamId), s[4..]);
        }

        return s.Length == 3 && s[2] == "repos" ? OrgRepos(request, org) : FakeResponse.NotFound();
    }

    /// <summary>The legacy <c>/teams/{id}</c> endpoints Octokit still calls (e.g. <c>Team.GetAllMembers(id)</c>).</summary>
    private FakeResponse LegacyTeams(FakeApiRequest request, string[] s) =>
        s.Length >= 2 && long.TryParse(s[1], CultureInfo.InvariantCulture, out var id)
            ? TeamRoutes(request, state.FindTeam(id), s[2..])
            : FakeResponse.NotFound();

    private FakeResponse TeamRoutes(FakeApiRequest request, FakeTeam? team, string[] rest)
    {
        if (team is null)
        {
            return FakeResponse.NotFound(Docs.Teams);
        }

        return rest switch
        {
            [] => FakeResponse.Json(GitHubJson.Team(request.Urls, team, Parent(team), full: true)),
            ["members"] => TeamMembers(request, team),
            ["teams"] => Page(request, Children(team).ToList(), t => GitHubJson.Team(request.Urls, t, team, full: false)),
            _ => FakeResponse.NotFound(),
        };
    }

    private FakeResponse TeamMembers(FakeApiRequest request, FakeTeam team)
    {
        var role = request.Param("role") ?? "all";
        if (role is not ("all" or "member" or "maintainer"))
        {
            return FakeResponse.Error(422, "Validation Failed", Docs.TeamMembers);
        }

        var members = new List<(string Login, string Role)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(team);
        var users = members
            .Where(m => role == "all" || m.Role == role)
            .Select(m => state.UserCore(m.Login))
            .ToList();
        return Page(request, users, u => GitHubJson.SimpleUser(request.Urls, u));

        void Collect(FakeTeam current)
        {
            foreach (var member in current.OrderedMembersCore())
            {
                if (seen.Add(member.Login))
                {
                    members.Add(member);
                }
            }

            if (state.TeamMembersIncludeChildTeams)
            {
                foreach (var child in Children(current))
                {
                    Collect(child);
                }
            }
        }
    }

    private FakeResponse OrgMembers(FakeApiRequest request, FakeOrg org)
    {
        IReadOnlyList<FakeUser> members = request.Param("role") == "admin" ? [] : org.MembersCore();
        return Page(request, members, u => GitHubJson.SimpleUser(request.Urls, u));
    }

    private FakeResponse User(FakeApiRequest request, string login)
    {
        if (state.User(login) is not { } user)
        {
            return FakeResponse.NotFound(Docs.Users);
        }

        return FakeResponse.Json(GitHubJson.FullUser(request.Urls, user, 0));
    }

    private FakeTeam? Parent(FakeTeam team) => team.ParentSlugCore is { } slug ? team.Org.FindTeam(slug) : null;

    private static IEnumerable<FakeTeam> Children(FakeTeam team) =>
        team.Org.TeamsCore.Where(t => string.Equals(t.ParentSlugCore, team.Slug, StringComparison.OrdinalIgnoreCase));
}
