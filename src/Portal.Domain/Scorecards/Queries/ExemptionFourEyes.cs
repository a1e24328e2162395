using Portal.Domain.Persistence;
using Portal.Domain.Scorecards.Records;
using Portal.Domain.Security;
using Portal.Domain.Security.Queries;

namespace Portal.Domain.Scorecards.Queries;

/// <summary>
/// The four-eyes rule on exemption requests, in one place for the command that decides (<see cref="Commands.ScorecardCommands"/>)
/// and the page that offers the buttons (<see cref="ScorecardQueries.UndecidableByAsync"/>): the names kept at request time
/// and the decider's names, both widened over today's sign-in links and token creators (<see cref="SameAccountNames"/>),
/// must have none in common.
/// </summary>
internal static class ExemptionFourEyes
{
    /// <summary>The names <paramref name="who"/> decides under, widened; compute once per decider.</summary>
    public static Task<HashSet<string>> DeciderNamesAsync(PortalDbContext db, Actor who, CancellationToken ct) => SameAccountNames.OfAsync(db, who, ct);

    /// <summary>Whether <paramref name="who"/> (whose widened names are <paramref name="deciderNames"/>) may approve or reject the request.</summary>
    public static async Task<bool> MayDecideAsync(
        PortalDbContext db, string requestedBy, IEnumerable<string>? requestedByAlso, Actor who, IReadOnlySet<string> deciderNames, CancellationToken ct)
    {
        if (Exemption.IsRequester(who, requestedBy, requestedByAlso))
        {
            return false;
        }

        var requester = await SameAccountNames.CloseAsync(db, [requestedBy, .. requestedByAlso ?? []], ct);
        return !requester.Overlaps(deciderNames);
    }
}
