using System.Globalization;
using System.Text;

namespace Portal.Testing.FakeGitHub;

/// <summary>
/// Realistic organisations for benchmarks and journeys, the same for the same arguments: about n/8 teams
/// (a quarter of them top-level, about half of the rest nested), 3–8 members each; n repositories named like
/// <c>svc-payments-042</c>, of which ~70% carry a valid Backstage <c>catalog-info.yaml</c>, ~20% a
/// <c>.github/CODEOWNERS</c>, ~60% a CI workflow, ~5% are archived, ~3% forks, ~50% have a protected default
/// branch, with 0–10 releases and 0–20 deployments over the 180 days before <c>now</c>.
/// </summary>
internal static class FakeDataGenerator
{
    private static readonly string[] Domains =
    [
        "payments", "checkout", "billing", "identity", "search", "catalog", "orders", "shipping", "inventory",
        "pricing", "notifications", "analytics", "platform", "data", "mobile", "growth", "risk", "ledger",
        "accounts", "support", "reporting", "media", "messaging", "scheduling",
    ];

    private static readonly string[] Kinds = ["svc", "api", "web", "worker", "lib", "tool"];

    private static readonly string[] Languages = ["C#", "C#", "C#", "Go", "Go", "TypeScript", "TypeScript", "Java", "Python", "Kotlin", "Rust"];

    private static readonly string[] TopicPool =
    [
        "backend", "frontend", "grpc", "rest", "kafka", "postgres", "redis", "kubernetes", "terraform", "pci",
        "gdpr", "internal", "customer-facing", "batch", "streaming", "dotnet", "golang", "react", "tier-1", "tier-2",
    ];

    private static readonly string[] FirstNames =
    [
        "Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Alan", "Radia", "Edsger",
        "Hedy", "Tim", "Katherine", "Donald", "Annie", "Guido", "Sophie", "Bjarne", "Mary", "James", "Lynn",
    ];

    private static readonly string[] LastNames =
    [
        "Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "Turing",
        "Perlman", "Dijkstra", "Lamarr", "Berners-Lee", "Johnson", "Knuth", "Easley", "van Rossum", "Wilson",
        "Stroustrup", "Keller", "Gosling", "Conway",
    ];

    private static readonly string[] Environments = ["production", "production", "staging", "staging", "qa"];

    public static FakeGitHubState Generate(string orgLogin, int repositories, int seed, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repositories);
        now = FakeGitHubState.Truncate(now);
        var random = new Random(seed);
        var state = new FakeGitHubState();
        state.ValidTokens.Add("fake-token");
        var org = state.AddOrg(orgLogin);
        org.Name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(orgLogin.Replace('-', ' '));

        var teams = AddTeams(org, random, Math.Max(1, repositories / 8));
        AddPeople(state, teams, random);

        var withCatalog = new List<string>();
        for (var i = 1; i <= repositories; i++)
        {
            AddRepository(state, org, teams, withCatalog, random, i, now);
        }

        return state;
    }

    private static List<FakeTeam> AddTeams(FakeOrg org, Random random, int count)
    {
        var teams = new List<FakeTeam>();
        var topLevel = Math.Max(1, count / 4);
        for (var i = 0; i < count; i++)
        {
            var domain = Domains[i % Domains.Length];
            var round = i / Domains.Length;
            var slug = round == 0 ? $"team-{domain}" : $"team-{domain}-{round + 1}";
            string? parent = null;
            if (i >= topLevel && random.NextDouble() < 0.5)
            {
                parent = teams[random.Next(topLevel)].Slug;
            }

            var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(slug.Replace('-', ' '));
            teams.Add(org.AddTeam(slug, parent, name, $"Owns the {domain} domain."));
        }

        return teams;
    }

    private static void AddPeople(FakeGitHubState state, List<FakeTeam> teams, Random random)
    {
        // About four people per team, so some people sit in two teams, as in real organisations.
        var people = Math.Max(8, teams.Count * 4);
        foreach (var team in teams)
        {
            var size = random.Next(3, 9);
            var chosen = new HashSet<int>();
            while (chosen.Count < size)
            {
                chosen.Add(random.Next(1, people + 1));
            }

            var first = true;
            foreach (var number in chosen)
            {
                var login = $"dev-{number:D3}";
                state.AddUser(login, $"{FirstNames[number % FirstNames.Length]} {LastNames[(number / FirstNames.Length) % LastNames.Length]}");
                team.AddMember(login, first ? "maintainer" : "member");
                first = false;
            }
        }
    }

    private static void AddRepository(FakeGitHubState state, FakeOrg org, List<FakeTeam> teams, List<string> withCatalog, Random random, int index, DateTimeOffset now)
    {
        var domain = Domains[random.Next(Domains.Length)];
        var kind = Kinds[random.Next(Kinds.Length)];
        var name = $"{kind}-{domain}-{index:D3}";
        var owner = teams[random.Next(teams.Count)];
        var language = random.NextDouble() < 0.05 ? null : Languages[random.Next(Languages.Length)];
        var topics = TopicPool.OrderBy(_ => random.Next()).Take(random.Next(0, 5)).Order(StringComparer.Ordinal).ToList();
        var hasCatalog = random.NextDouble() < 0.7;
        var hasCodeowners = random.NextDouble() < 0.2;
        var hasCi = random.NextDouble() < 0.6;
        var archived = random.NextDouble() < 0.05;
        var fork = random.NextDouble() < 0.03;
        var isProtected = random.NextDouble() < 0.5;
        var visibility = random.NextDouble() switch
        {
            < 0.05 => "public",
            < 0.20 => "internal",
            _ => "private",
        };
        var createdAt = now.AddDays(-random.Next(200, 2000)).AddSeconds(-random.Next(86_400));
        var pushedAt = now.AddDays(-random.Next(0, 180)).AddSeconds(-random.Next(86_400));
        var lifecycle = random.NextDouble() < 0.8 ? "production" : "experimental";
        var dependsOn = withCatalog.Count > 0 && random.NextDouble() < 0.3 ? withCatalog[random.Next(withCatalog.Count)] : null;
        var description = $"{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(domain)} {KindText(kind)} owned by {owner.Name}.";
        var releaseCount = random.Next(0, 11);
        var deploymentCount = random.Next(0, 21);

        org.AddRepo(name, repo =>
        {
            repo.Description = description;
            repo.Language = language;
            repo.Topics.AddRange(topics);
            repo.Visibility = visibility;
            repo.Archived = archived;
            repo.Fork = fork;
            repo.DefaultBranchProtected = isProtected;
            repo.CreatedAt = createdAt;
            repo.PushedAt = pushedAt;
            repo.SetFile("README.md", $"# {name}\n\n{description}\n");
            if (hasCatalog)
            {
                repo.SetFile("catalog-info.yaml", CatalogInfo(org.Login, name, description, owner.Slug, lifecycle, topics, dependsOn));
            }

            if (hasCodeowners)
            {
                repo.SetFile(".github/CODEOWNERS", $"* @{org.Login}/{owner.Slug}\n");
            }

            if (hasCi)
            {
                repo.SetFile(".github/workflows/ci.yml", CiWorkflow(language));
            }

            for (var r = 0; r < releaseCount; r++)
            {
                var created = now.AddDays(-random.Next(0, 180)).AddSeconds(-random.Next(86_400));
                repo.Releases.Add(new FakeRelease
                {
                    Id = state.NextItemId(),
                    TagName = $"v1.{r}.0",
                    Name = $"v1.{r}.0",
                    Body = "Bug fixes and improvements.",
                    CreatedAt = created,
                    PublishedAt = created.AddMinutes(5),
                    Prerelease = random.NextDouble() < 0.1,
                });
            }

            for (var d = 0; d < deploymentCount; d++)
            {
                repo.Deployments.Add(new FakeDeployment
                {
                    Id = state.NextItemId(),
                    Environment = Environments[random.Next(Environments.Length)],
                    CreatedAt = now.AddDays(-random.Next(0, 180)).AddSeconds(-random.Next(86_400)),
                    Ref = repo.DefaultBranch,
                });
            }
        });

        if (hasCatalog)
        {
            withCatalog.Add(name);
        }
    }

    private static string KindText(string kind) => kind switch
    {
        "svc" => "service",
        "api" => "API",
        "web" => "web front end",
        "worker" => "background worker",
        "lib" => "library",
        _ => "tool",
    };

    private static string CatalogInfo(string org, string name, string description, string owner, string lifecycle, List<string> topics, string? dependsOn)
    {
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: backstage.io/v1alpha1\n");
        yaml.Append("kind: Component\n");
        yaml.Append("metadata:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"  name: {name}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"  description: {description}\n");
        yaml.Append("  annotations:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"    github.com/project-slug: {org}/{name}\n");
        if (topics.Count > 0)
        {
            yaml.Append("  tags:\n");
            foreach (var topic in topics)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    - {topic}\n");
            }
        }

        yaml.Append("spec:\n");
        yaml.Append("  type: service\n");
        yaml.Append(CultureInfo.InvariantCulture, $"  lifecycle: {lifecycle}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"  owner: {owner}\n");
        if (dependsOn is not null)
        {
            yaml.Append("  dependsOn:\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    - component:{dependsOn}\n");
        }

        return yaml.ToString();
    }

    private static string CiWorkflow(string? language)
    {
        var build = language switch
        {
            "C#" => "      - uses: actions/setup-dotnet@v4\n      - run: dotnet test\n",
            "Go" => "      - uses: actions/setup-go@v5\n      - run: go test ./...\n",
            "TypeScript" => "      - uses: actions/setup-node@v4\n      - run: npm ci && npm test\n",
            "Java" or "Kotlin" => "      - uses: actions/setup-java@v4\n        with:\n          distribution: temurin\n          java-version: 21\n      - run: ./gradlew test\n",
            "Python" => "      - uses: actions/setup-python@v5\n      - run: pip install -r requirements.txt && pytest\n",
            _ => "      - run: make test\n",
        };
        return "name: CI\n\non:\n  push:\n    branches: [main]\n  pull_request:\n\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n" + build;
    }
}
