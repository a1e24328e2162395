using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Security;
using Portal.Domain.Sync;

namespace Portal.Web.Tests.Api.Auditing;

public sealed partial class AuditCompletenessTests
{
    private static StringContent Text(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);

    private async Task<JsonElement> GetJsonAsync(string path) => await _admin.GetFromJsonAsync<JsonElement>(path, Ct);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _admin.SendAsync(request, Ct);
    }

    /// <summary>An item following a GitHub issue of the demo's payments service, as the sync mirrors it.</summary>
    private async Task<Guid> MirroredItemAsync()
    {
        await using (var db = _factory.Database.CreateContext())
        {
            var payments = await db.Services.SingleAsync(s => s.Name == "payments", Ct);
            var repository = new GitHubRepository(1, "acme", "payments");
            repository.Describe("acme", "payments", "R_1", null, null, [], "main", "https://github.com/acme/payments", false, false, null);
            repository.LinkService(payments.Id);
            db.GitHubRepositories.Add(repository);
            await db.SaveChangesAsync(Ct);
        }

        var issue = new MirroredIssue("https://github.com/acme/payments/issues/7", "acme", "payments", 7, "Audit test: mirrored issue", null, false, false, null, ["tech-debt"]) { Id = 707, AuthorAssociation = "MEMBER" };
        var sync = new Actor("github:acme/payments", "GitHub acme/payments", PortalRole.Admin, new HashSet<Guid>());
        var mirror = _factory.Services.GetRequiredService<DebtMirrorCommands>();
        return (await mirror.MirrorAsync(sync, issue, Ct)).ItemId!.Value;
    }

    /// <summary>
    /// One successful call of every write endpoint, by an admin token on the demo company, in an order where each finds
    /// what it needs (a debt item before its report, an import before its hand-over). Keyed as <see cref="WriteEndpoints"/>.
    /// </summary>
    private List<(string Key, Func<Task<HttpResponseMessage>> Call)> Successes()
    {
        string? debtId = null;
        string? reportId = null;
        string? initiative = null;
        string? exemptionId = null;
        var exemptionVersion = 0;
        var quarter = Quarter.Of(DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime)).ToString();
        return
        [
            ("POST /api/v1/catalog/import", () => _admin.PostAsync("/api/v1/catalog/import", Text(Yaml, "application/yaml"), Ct)),
            ("POST /api/v1/catalog/records/{kind}/{name}/handover", async () =>
            {
                var record = await GetJsonAsync("/api/v1/catalog/records/service/audit-storefront");
                return await _admin.PostAsJsonAsync("/api/v1/catalog/records/component/audit-storefront/handover", new { to = "manual", version = record.GetProperty("version").GetInt32() }, Ct);
            }),
            ("POST /api/v1/catalog/records/{kind}/{ns}/{name}/handover", async () =>
            {
                var record = await GetJsonAsync("/api/v1/catalog/records/group/audit-team");
                return await _admin.PostAsJsonAsync("/api/v1/catalog/records/group/default/audit-team/handover", new { to = "manual", version = record.GetProperty("version").GetInt32() }, Ct);
            }),
            ("PUT /api/v1/services/{name}", async () =>
            {
                var service = await GetJsonAsync("/api/v1/services/payments");
                return await _admin.PutAsJsonAsync("/api/v1/services/payments", new
                {
                    title = "Payments",
                    description = "Moves money",
                    kind = "service",
                    tier = 2,
                    lifecycle = "production",
                    owner = "payments-core",
                    tags = new[] { "pci" },
                    version = service.GetProperty("version").GetInt32(),
                }, Ct);
            }),
            ("PUT /api/v1/services/{name}/dependencies/{**target}", () =>
                _admin.PutAsJsonAsync("/api/v1/services/marketing-site/dependencies/resource:payments-db", new { kind = "shared-database", access = "read" }, Ct)),
            ("DELETE /api/v1/services/{name}/dependencies/{**target}", () => _admin.DeleteAsync("/api/v1/services/marketing-site/dependencies/resource:payments-db", Ct)),
            ("PUT /api/v1/scorecards/{service}/answers/{criterion}", () =>
                _admin.PutAsJsonAsync("/api/v1/scorecards/payments/answers/contention-measured", new { maturity = 4, note = "Measured and alerted." }, Ct)),
            ("PUT /api/v1/scorecards/{ns}/{service}/answers/{criterion}", () =>
                _admin.PutAsJsonAsync("/api/v1/scorecards/default/checkout/answers/contention-measured", new { maturity = 3, note = "Measured." }, Ct)),
            ("POST /api/v1/scorecards/{service}/exemptions", async () =>
            {
                var created = await _admin.PostAsJsonAsync("/api/v1/scorecards/payments/exemptions", new { criterion = "no-foreign-writers", reason = "Moving to an API in Q1.", endsOn = "2099-01-31" }, Ct);
                if (created.IsSuccessStatusCode)
                {
                    var exemption = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
                    exemptionId = exemption.GetProperty("id").GetGuid().ToString();
                    exemptionVersion = exemption.GetProperty("version").GetInt32();
                }

                return created;
            }),
            ("POST /api/v1/scorecards/{ns}/{service}/exemptions", () =>
                _admin.PostAsJsonAsync("/api/v1/scorecards/default/checkout/exemptions", new { criterion = "no-foreign-writers", reason = "Moving to an API in Q2.", endsOn = "2099-01-31" }, Ct)),
            ("POST /api/v1/scorecards/exemptions/{id:guid}/{decision}", async () =>
            {
                // Whoever asked for an exemption may not approve it, nor a token of the same admin: another admin decides.
                var approver = _factory.CreateClient(await _factory.CreateTokenAsync(PortalRole.Admin, "audit-admin-approver", createdBy: "another-admin"));
                return await approver.PostAsJsonAsync($"/api/v1/scorecards/exemptions/{exemptionId}/approve", new { version = exemptionVersion }, Ct);
            }),
            ("PUT /api/v1/framework", async () =>
            {
                // The next version adds a criterion that CI pipelines report on (pushed results, below).
                var current = await _admin.GetAsync("/api/v1/framework", Ct);
                var yaml = await current.Content.ReadAsStringAsync(Ct);
                const string external = "criteria:\n  - key: dependency-scan-clean\n    signal: compounding-shortcuts\n    level: gold\n    mode: external\n"
                    + "    title: The dependency scan is clean\n    why: Vulnerable libraries are shortcuts taken for us.\n    good: No high finding.\n    fix: Upgrade what is flagged.\n    effortDays: 2\n";
                var index = yaml.IndexOf("criteria:\n", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/framework")
                {
                    Content = Text(yaml[..index] + external + yaml[(index + "criteria:\n".Length)..], "application/yaml"),
                };
                request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
                return await _admin.SendAsync(request, Ct);
            }),
            ("POST /api/v1/scorecards/results", () =>
                _admin.PostAsJsonAsync("/api/v1/scorecards/results", new { results = new[] { new { service = "payments", criterion = "dependency-scan-clean", status = "fail", evidence = "scan 42: 2 critical" } } }, Ct)),
            ("POST /api/v1/debt", async () =>
            {
                var created = await _admin.PostAsJsonAsync("/api/v1/debt", new
                {
                    title = "Audit test: ledger writes lack idempotency keys",
                    services = new[] { "ledger" },
                    signal = "cascading-failures",
                    kind = "code",
                    quadrant = "deliberate-prudent",
                    likelihood = 4,
                    impact = 4,
                    effortDays = 4,
                }, Ct);
                if (created.IsSuccessStatusCode)
                {
                    debtId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("summary").GetProperty("id").GetString();
                }

                return created;
            }),
            ("PATCH /api/v1/debt/{id:guid}", () => SendAsync(HttpMethod.Patch, $"/api/v1/debt/{debtId}", new { version = 0, status = "planned", targetQuarter = "2027-Q1" })),
            ("POST /api/v1/debt/{id:guid}/reports", async () =>
            {
                var added = await _admin.PostAsJsonAsync($"/api/v1/debt/{debtId}/reports", new { hours = 9, note = "Lost a morning" }, Ct);
                if (added.IsSuccessStatusCode)
                {
                    reportId = (await added.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
                }

                return added;
            }),
            ("POST /api/v1/debt/{id:guid}/reports/{reportId:guid}/removal", () =>
                _admin.PostAsJsonAsync($"/api/v1/debt/{debtId}/reports/{reportId}/removal", new { reason = "The morning was lost to the VPN, not this" }, Ct)),
            ("POST /api/v1/debt/{id:guid}/stop-following", async () =>
                await _admin.PostAsJsonAsync($"/api/v1/debt/{await MirroredItemAsync()}/stop-following", new { version = 0 }, Ct)),
            ("POST /api/v1/debt/import", () =>
                _admin.PostAsync("/api/v1/debt/import", Text("Title,Signal,Kind,Quadrant,Services,Likelihood (1-5),Impact (1-5),Effort (engineer-days)\r\nAudit test: CSV item,cascading-failures,code,deliberate-prudent,payments,3,3,2\r\n", "text/csv"), Ct)),
            ("POST /api/v1/debt/candidates/dismissals", async () =>
            {
                var list = await GetJsonAsync("/api/v1/debt/candidates?pageSize=200");
                var key = list.GetProperty("items").EnumerateArray().First(c => c.GetProperty("origin").GetString() != "ownership" && c.GetProperty("services").GetArrayLength() > 0).GetProperty("key").GetString()!;
                _dismissedKey = key;
                return await _admin.PostAsJsonAsync("/api/v1/debt/candidates/dismissals", new { key, reason = "a batch path nobody waits on" }, Ct);
            }),
            ("DELETE /api/v1/debt/candidates/dismissals", () => _admin.DeleteAsync("/api/v1/debt/candidates/dismissals?key=" + Uri.EscapeDataString(_dismissedKey!), Ct)),
            ("PUT /api/v1/teams/{name}/capacity", () =>
                _admin.PutAsJsonAsync("/api/v1/teams/payments-core/capacity?quarter=2027-Q1", new { people = 4, workingDays = 60, debtSharePercent = 20 }, Ct)),
            ("POST /api/v1/initiatives", async () =>
            {
                var created = await _admin.PostAsJsonAsync("/api/v1/initiatives", Initiative("Every payments service at Silver on cascading failures"), Ct);
                initiative = created.Headers.Location?.ToString();
                return created;
            }),
            ("PUT /api/v1/initiatives/{id:guid}", async () =>
                await SendAsync(HttpMethod.Put, initiative!, Initiative("Renamed"), (await _admin.GetAsync(initiative, Ct)).Headers.ETag!.Tag)),
            ("POST /api/v1/initiatives/{id:guid}/status", async () =>
                await SendAsync(HttpMethod.Post, initiative + "/status", new { status = "completed" }, (await _admin.GetAsync(initiative, Ct)).Headers.ETag!.Tag)),
            ("POST /api/v1/reviews", () => _admin.PostAsJsonAsync("/api/v1/reviews", new { quarter }, Ct)),
            ("POST /api/v1/reviews/{quarter}/close", () => _admin.PostAsync($"/api/v1/reviews/{quarter}/close", null, Ct)),
        ];
    }

    private string? _dismissedKey;

    private static object Initiative(string title) => new
    {
        title,
        signal = "cascading-failures",
        targetLevel = "silver",
        teams = new[] { "payments-core" },
        ownerTeam = "payments-core",
        dueOn = "2027-06-30",
    };
}
