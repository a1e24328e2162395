using System.Globalization;
using Portal.Domain.Common;
using Portal.Domain.Scorecards.Evaluation;

namespace Portal.Domain.Scorecards.Checks;

/// <summary>
/// Every automatic check Portal can run, as pure functions over <see cref="ServiceFacts"/> and the
/// <see cref="ScorecardGraph"/>. A check answers unknown rather than guess: no data, stale data or a source
/// that is not connected never passes. One partial file per signal.
/// </summary>
public static partial class AutomaticChecks
{
    private static readonly Lazy<IReadOnlyDictionary<string, AutomaticCheck>> Registry = new(BuildRegistry);

    /// <summary>Every check by id.</summary>
    public static IReadOnlyDictionary<string, AutomaticCheck> All => Registry.Value;

    // A method, not a field initializer: the checks live in other partial files, whose static
    // initialisers must have run before the registry reads them.
    private static Dictionary<string, AutomaticCheck> BuildRegistry() =>
        new AutomaticCheck[]
        {
            SyncChainDepth, NoSyncCycle, SyncFanOut,
            NoForeignWriters, WritesOwnData,
            SyncTimeouts, BoundedRetries, BreakerOrFallback, TimeoutsNest,
            RunbookLink, DashboardLink,
            CiWorkflow, RecentRelease, BranchProtection,
            OwnerWithMembers, OnCallCoversOwner, ApiContract,
            DebtCostOfDelay, NoDeprecatedDependencies,
        }.ToDictionary(c => c.Id, c => c, StringComparer.Ordinal);

    /// <summary>The check with this id, or null.</summary>
    public static AutomaticCheck? Find(string id) => All.GetValueOrDefault(id);

    /// <summary>Runs the check a criterion names; unknown when the criterion names none that exists.</summary>
    public static CheckOutcome Run(string checkId, CheckContext context) =>
        Find(checkId) is { } check
            ? check.Evaluate(context)
            : CheckOutcome.Unknown($"The framework names a check '{checkId}' that this version of Portal does not have.");

    private static AutomaticCheck Check(string id, string description, Func<CheckContext, CheckOutcome> evaluate, Dictionary<string, double>? defaults = null) =>
        new(id, description, defaults ?? new Dictionary<string, double>(), evaluate);

    /// <summary>The graph-based checks need the service in the graph; every service is, once evaluation loads it.</summary>
    private static CheckOutcome NotInGraph(CheckContext c) =>
        CheckOutcome.Unknown($"{c.Service.Ref} is not in the dependency graph yet.");

    /// <summary>How many names evidence lists before "and N more".</summary>
    private const int NamesShown = 5;

    /// <summary>"a, b, c and 4 more".</summary>
    private static string Names(IReadOnlyCollection<string> names, int max = NamesShown) => FirstNames(names, names.Count, max);

    /// <summary>"a, b, c and 4 more", from the first names of a list of <paramref name="count"/>.</summary>
    private static string FirstNames(IEnumerable<string> first, int count, int max = NamesShown)
    {
        var shown = string.Join(", ", first.Take(max));
        return count > max ? Invariant($"{shown} and {count - max} more") : shown;
    }

    private static string Plural(int count, string one, string many) => Counted.Of(count, one, many);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
