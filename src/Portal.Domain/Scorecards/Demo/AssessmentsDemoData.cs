using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Demo;
using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Security;

namespace Portal.Domain.Scorecards.Demo;

/// <summary>
/// The demo company's self-assessment answers and exemption, from <c>Scorecards/Demo/assessments.yaml</c>. An answer
/// or exemption is added only where the service has none for that criterion yet.
/// </summary>
public sealed class AssessmentsDemoData(IDbContextFactory<PortalDbContext> dbFactory) : IDemoData
{
    public int Order => 30;

    public string Name => "scorecard answers and exemptions";

    public async Task<int> LoadAsync(DemoContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = DemoFile.Read<AssessmentsFile>(typeof(AssessmentsDemoData), "assessments.yaml");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var services = await db.Services.Where(s => s.Namespace == CatalogName.DefaultNamespace)
            .Select(s => new { s.Name, s.Id }).ToDictionaryAsync(s => s.Name, s => s.Id, StringComparer.Ordinal, ct);
        var people = await db.People.Where(p => p.Namespace == CatalogName.DefaultNamespace)
            .Select(p => new { p.Name, p.DisplayName }).ToDictionaryAsync(p => p.Name, p => p.DisplayName, StringComparer.Ordinal, ct);
        var answered = (await db.ScorecardAnswers.Select(a => new { a.ServiceId, a.CriterionKey }).ToListAsync(ct))
            .Select(a => (a.ServiceId, a.CriterionKey)).ToHashSet();
        var exempted = (await db.ScorecardExemptions.Select(e => new { e.ServiceId, e.CriterionKey }).ToListAsync(ct))
            .Select(e => (e.ServiceId, e.CriterionKey)).ToHashSet();
        var now = context.Now.UtcDateTime;
        var changes = 0;

        foreach (var row in file.Answers)
        {
            var service = Find(services, row.Service, "service");
            if (answered.Add((service, row.Criterion)))
            {
                var answer = new SelfAssessment(service, row.Criterion);
                answer.Answer(row.Maturity, row.Note, null, row.By, Find(people, row.By, "person"), now.AddDays(-row.DaysAgo), file.ValidityDays);
                db.ScorecardAnswers.Add(answer);
                changes++;
            }
        }

        foreach (var row in file.Exemptions)
        {
            var service = Find(services, row.Service, "service");
            if (!exempted.Add((service, row.Criterion)))
            {
                continue;
            }

            var exemption = new Exemption(
                service, row.Criterion, row.Reason, DateOnly.FromDateTime(now).AddDays(row.EndsInDays),
                row.RequestedBy, Find(people, row.RequestedBy, "person"), now.AddDays(-row.RequestedDaysAgo));
            if (row.ApprovedBy is { } approver)
            {
                var decider = new Actor(approver, Find(people, approver, "person"), PortalRole.Admin, new HashSet<Guid>());
                exemption.Decide(true, decider, now.AddDays(-row.ApprovedDaysAgo), row.ApprovalNote);
            }

            db.ScorecardExemptions.Add(exemption);
            changes++;
        }

        await db.SaveChangesAsync(ct);
        return changes;
    }

    private static T Find<T>(Dictionary<string, T> records, string name, string what) =>
        records.TryGetValue(name, out var record)
            ? record
            : throw new InvalidDataException($"assessments.yaml names {what} '{name}', which the demo catalog does not have.");

    private sealed class AssessmentsFile
    {
        public int ValidityDays { get; set; } = 180;

        public List<AnswerRow> Answers { get; set; } = [];

        public List<ExemptionRow> Exemptions { get; set; } = [];
    }

    private sealed class AnswerRow
    {
        public string Service { get; set; } = "";

        public string Criterion { get; set; } = "";

        public int Maturity { get; set; }

        public string? Note { get; set; }

        public string By { get; set; } = "";

        public int DaysAgo { get; set; }
    }

    private sealed class ExemptionRow
    {
        public string Service { get; set; } = "";

        public string Criterion { get; set; } = "";

        public string Reason { get; set; } = "";

        public int EndsInDays { get; set; }

        public string RequestedBy { get; set; } = "";

        public int RequestedDaysAgo { get; set; }

        public string? ApprovedBy { get; set; }

        public int ApprovedDaysAgo { get; set; }

        public string? ApprovalNote { get; set; }
    }
}
