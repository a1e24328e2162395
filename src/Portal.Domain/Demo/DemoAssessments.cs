using Portal.Domain.Catalog;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;

namespace Portal.Domain.Demo;

/// <summary>
/// The demo company's scorecard inputs: answers from several teams (one contradicted by the dependency graph, so
/// it shows flagged; one old enough to have expired) and one approved exemption, so every part of the scorecards
/// has something to show. Added in the same save as the rest of the demo.
/// </summary>
internal static class DemoAssessments
{
    private const int ValidityDays = 180;

    private static readonly (string Service, string Criterion, int Maturity, string Note, string By, int DaysAgo)[] Answers =
    [
        ("payments", "zero-downtime-migrations", 3, "Expand/contract for every migration since the 2025 outage; CI runs the previous release against the new schema.", "ada.okafor", 40),
        ("payments", "healthy-defined", 3, "Success rate and p99 of authorise and capture have objectives; alerts page on both.", "ada.okafor", 40),
        ("payments", "idempotent-writes", 3, "Every intent takes an idempotency key; refunds do not yet.", "tomas.reyes", 35),
        ("checkout", "one-step-rollback", 2, "Rollback is a manual redeploy of the previous image; it takes two of us.", "omar.farouk", 20),
        ("checkout", "traced-requests", 3, "OpenTelemetry on the server and the orchestrator client; the trace id is in every log line.", "ines.carvalho", 20),
        ("ledger", "traced-requests", 4, "Traced end to end, including the posting queue.", "kwame.mensah", 60),
        ("ledger", "zero-downtime-migrations", 4, "Append-only tables; new columns are always nullable first.", "kwame.mensah", 60),
        ("api-gateway", "healthy-defined", 4, "SLOs per route, error budget reviewed weekly.", "erik.johansson", 15),
        ("identity", "failure-rehearsed", 3, "Game day in October: cut the key store, callers kept going on cached keys.", "fatima.zahra", 50),
        ("invoices", "debt-recorded", 3, "Our shortcuts are in the debt register with owners.", "ines.carvalho", 10),

        // Contradicted: statements still calls the legacy renderer with no timeout, so the catalog flags this answer.
        ("statements", "failure-rehearsed", 4, "We rehearse failures every quarter and everything degrades gracefully.", "sofia.lindqvist", 12),

        // Answered long ago and never re-attested: it has expired and counts as unknown.
        ("invoices", "zero-downtime-migrations", 3, "Migrations run online with pt-online-schema-change.", "julia.novak", ValidityDays + 25),
    ];

    public static void Add(PortalDbContext db, IReadOnlyDictionary<string, Service> services, IReadOnlyDictionary<string, Person> people, DateTime now)
    {
        foreach (var (service, criterion, maturity, note, by, daysAgo) in Answers)
        {
            var answer = new SelfAssessment(services[service].Id, criterion);
            answer.Answer(maturity, note, null, by, people[by].DisplayName, now.AddDays(-daysAgo), ValidityDays);
            db.ScorecardAnswers.Add(answer);
        }

        // reconciliation writes payments-db behind payments-core's back; agreed for now, with an end date.
        var exemption = new Exemption(
            services["reconciliation"].Id,
            "no-foreign-writers",
            "Settlement marks move behind a payments API in Q1; until then reconciliation writes payments-db under a contract agreed with Payments Core.",
            DateOnly.FromDateTime(now).AddDays(60),
            "kwame.mensah",
            people["kwame.mensah"].DisplayName,
            now.AddDays(-5));
        exemption.Decide(true, "erik.johansson", people["erik.johansson"].DisplayName, now.AddDays(-4), "Agreed with Payments Core; review in the Q1 review.");
        db.ScorecardExemptions.Add(exemption);
    }
}
