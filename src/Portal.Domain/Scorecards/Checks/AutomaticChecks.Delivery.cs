namespace Portal.Domain.Scorecards.Checks;

public static partial class AutomaticChecks
{
    /// <summary>The repository has a CI workflow.</summary>
    public static AutomaticCheck CiWorkflow { get; } = Check(
        "ci-workflow",
        "The service's GitHub repository has at least one Actions workflow on its default branch (read by the GitHub sync, at most maxAgeDays old).",
        c =>
        {
            if (Delivery(c, c.Service.Delivery?.ContentsAt) is { } unknown)
            {
                return unknown;
            }

            var d = c.Service.Delivery!;
            return d.WorkflowCount > 0
                ? CheckOutcome.Pass(Invariant($"{d.Repository} has {Plural(d.WorkflowCount, "workflow", "workflows")}."), d.ContentsAt)
                : CheckOutcome.Fail($"{d.Repository} has no GitHub Actions workflow on its default branch.", d.ContentsAt);
        },
        new() { ["maxAgeDays"] = 7 });

    /// <summary>A release or deployment happened in the recorded window.</summary>
    public static AutomaticCheck RecentRelease { get; } = Check(
        "recent-release",
        "At least minReleases releases or deployments in the 90 days the GitHub sync records (evidence at most maxAgeDays old).",
        c =>
        {
            if (Delivery(c, c.Service.Delivery?.EvidenceAt) is { } unknown)
            {
                return unknown;
            }

            var d = c.Service.Delivery!;
            if (d.ReleasesLast90Days is null && d.DeploymentsLast90Days is null)
            {
                return CheckOutcome.Unknown($"The GitHub sync could not read releases or deployments of {d.Repository}.", d.EvidenceAt);
            }

            var shipped = (d.ReleasesLast90Days ?? 0) + (d.DeploymentsLast90Days ?? 0);
            var min = (int)c.Param("minReleases");
            var what = Invariant($"{Plural(d.ReleasesLast90Days ?? 0, "release", "releases")} and {Plural(d.DeploymentsLast90Days ?? 0, "deployment", "deployments")} in the last 90 days");
            return shipped >= min
                ? CheckOutcome.Pass($"{d.Repository}: {what}.", d.EvidenceAt)
                : CheckOutcome.Fail(Invariant($"{d.Repository}: {what}; at least {min} expected."), d.EvidenceAt);
        },
        new() { ["minReleases"] = 1, ["maxAgeDays"] = 7 });

    /// <summary>The default branch is protected.</summary>
    public static AutomaticCheck BranchProtection { get; } = Check(
        "branch-protection",
        "The repository's default branch is protected, so nothing reaches it without review and checks.",
        c =>
        {
            if (Delivery(c, c.Service.Delivery?.EvidenceAt) is { } unknown)
            {
                return unknown;
            }

            var d = c.Service.Delivery!;
            return d.DefaultBranchProtected switch
            {
                true => CheckOutcome.Pass($"The default branch of {d.Repository} is protected.", d.EvidenceAt),
                false => CheckOutcome.Fail($"The default branch of {d.Repository} is not protected.", d.EvidenceAt),
                null => CheckOutcome.Unknown($"The GitHub token may not read branch protection of {d.Repository}.", d.EvidenceAt),
            };
        },
        new() { ["maxAgeDays"] = 7 });

    /// <summary>Unknown when there is no evidence, or it is older than <c>maxAgeDays</c>; null when it can be judged.</summary>
    private static CheckOutcome? Delivery(CheckContext c, DateTime? asOf)
    {
        if (c.Service.Delivery is not { } d)
        {
            return CheckOutcome.Unknown("No GitHub repository is linked to this service: the GitHub sync is not connected, or has not read its repository.");
        }

        if (asOf is not { } at)
        {
            return CheckOutcome.Unknown($"The GitHub sync has not read delivery evidence of {d.Repository} yet.");
        }

        var maxAge = c.Param("maxAgeDays");
        var maxAgeDays = maxAge > 0 ? maxAge : 7;
        return c.NowUtc - at > TimeSpan.FromDays(maxAgeDays)
            ? CheckOutcome.Unknown(Invariant($"The GitHub evidence of {d.Repository} is {(c.NowUtc - at).TotalDays:N0} days old (more than {maxAgeDays:N0}): stale."), at)
            : null;
    }
}
