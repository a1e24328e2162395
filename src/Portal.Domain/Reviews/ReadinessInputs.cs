using Portal.Domain.Scorecards;

namespace Portal.Domain.Reviews;

/// <summary>What <see cref="ReadinessCalculator"/> needs, as plain data read by the queries.</summary>
/// <param name="Framework">The framework in force.</param>
/// <param name="Services">The services in scope.</param>
/// <param name="TeamEmails">Team reference → address, for reminders.</param>
/// <param name="Answers">Every answer on record for those services: service id, criterion key, expiry.</param>
/// <param name="Exemptions">Approved exemptions of those services.</param>
/// <param name="Flagged">Flagged answers per service id.</param>
public sealed record ReadinessInputs(
    ScorecardFramework Framework,
    IReadOnlyList<ScopeService> Services,
    IReadOnlyDictionary<string, string> TeamEmails,
    IReadOnlyList<(Guid ServiceId, string Criterion, DateTime ExpiresAt)> Answers,
    IReadOnlyList<(Guid ServiceId, string Criterion, DateOnly? EndsOn, string Reason)> Exemptions,
    IReadOnlyDictionary<Guid, int> Flagged);
