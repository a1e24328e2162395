using Portal.Domain.Debt;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Comparison;
using Portal.Domain.Reviews.Reports;
using Portal.Domain.Reviews.Snapshots;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;

namespace Portal.Domain.Tests.Reviews;

/// <summary>The Markdown export of a review.</summary>
public sealed class ReviewMarkdownTests
{
    private static readonly DateTime Closed = new(2026, 9, 28, 14, 30, 0, DateTimeKind.Utc);

    private static SnapshotContent Content(IReadOnlyList<SnapshotNote>? notes = null, IReadOnlyList<SnapshotActionItem>? items = null)
    {
        var rollup = SnapshotRollup.Of([("1121111", ScoreLevel.Bronze), ("0000000", ScoreLevel.None)]);
        return new SnapshotContent(
            SnapshotContent.CurrentFormat, "2026-Q3", 1, "Scaling readiness 2026-Q3", Closed, "Erik Johansson",
            new SnapshotScope(true, []),
            new SnapshotFramework(1, [new SnapshotCriterion("timeouts", ScalingSignal.CascadingFailures, ScoreLevel.Bronze, CriterionMode.Automatic, "Calls have timeouts")]),
            rollup,
            [new SnapshotTeam("payments-core", "Payments | Core", rollup, 2, 140)],
            new SnapshotReadiness(10, 7, 2, 1, 1, 1, 3, 1),
            new SnapshotDebt(2, 140, new double[7], [new SnapshotDebtItem(Guid.NewGuid(), "Ledger has no retries", ScalingSignal.CascadingFailures, DebtStatus.Accepted, 120, 12, 10, "Payments Core", ["ledger"])]),
            new SnapshotGraph(1, 0, 0, [new SnapshotGraphFinding("cycle", "checkout → ledger → checkout", "Break the cycle with an event.", ["checkout", "ledger"])]),
            notes ?? [],
            items ?? [],
            [],
            null,
            []);
    }

    [Fact]
    public void Write_ClosedReview_HasEverySectionAndEscapesTableCells()
    {
        var md = ReviewMarkdown.Write(Content(
            [new SnapshotNote(Guid.NewGuid(), ReviewNoteKind.Decision, "Reserve **20%** of capacity.", ScalingSignal.CompoundingShortcuts, "Payments Core", "Erik", Closed)],
            [new SnapshotActionItem(Guid.NewGuid(), "Add timeouts", "Payments Core", "payments-core", new DateOnly(2026, 11, 30), ScalingSignal.CascadingFailures, ScoreLevel.Silver,
                null, ActionItemStatus.Open, null, null, 1, 2, null, null)]), live: false, changes: null);

        Assert.StartsWith("# Scaling readiness 2026-Q3", md, StringComparison.Ordinal);
        Assert.Contains("- Closed 2026-09-28 14:30 UTC by Erik Johansson", md, StringComparison.Ordinal);
        Assert.Contains("- 2 services: 0 Gold, 0 Silver, 1 Bronze, 1 below Bronze", md, StringComparison.Ordinal);
        Assert.Contains("| Cascading failures | 1 | 0 | 1 | 0 | 50% |", md, StringComparison.Ordinal);
        Assert.Contains("| Payments \\| Core | 2 |", md, StringComparison.Ordinal);
        Assert.Contains("| Ledger has no retries | Cascading failures | Payments Core | 120 | 12.0 | ledger |", md, StringComparison.Ordinal);
        Assert.Contains("## Decisions", md, StringComparison.Ordinal);
        Assert.Contains("Reserve **20%** of capacity.", md, StringComparison.Ordinal);
        Assert.Contains("No findings recorded.", md, StringComparison.Ordinal);
        Assert.Contains("| Add timeouts | Payments Core | 2026-11-30 | Cascading failures at Silver (1 of 2 met) | Open |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("What changed", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TitlesAndNamesWithMarkdown_AreReadLiterallyAndNotesLoseRawHtml()
    {
        var md = ReviewMarkdown.Write(Content(
            [new SnapshotNote(Guid.NewGuid(), ReviewNoteKind.Finding, "Keep **this**. <img src=x onerror=alert(1)>", null, "[Core](https://evil.example)", "Eve *", Closed)],
            [new SnapshotActionItem(Guid.NewGuid(), "![x](https://tracker.example/p.gif) <b>now</b>", "Payments Core", "payments-core", new DateOnly(2026, 11, 30), null, null,
                null, ActionItemStatus.Open, null, null, null, 0, null, null)]), live: false, changes: null);

        Assert.Contains("| \\!\\[x\\](https://tracker.example/p.gif) \\<b\\>now\\</b\\> | Payments Core |", md, StringComparison.Ordinal);
        Assert.Contains("### \\[Core\\](https://evil.example) — Eve \\*, 2026-09-28", md, StringComparison.Ordinal);
        Assert.Contains("Keep **this**. &lt;img src=x onerror=alert(1)>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithInitiatives_ListsEachWithItsProgressAtClose()
    {
        var content = Content() with
        {
            Initiatives = [new SnapshotInitiative(Guid.NewGuid(), "Every payments service | Silver", ScalingSignal.CascadingFailures, ScoreLevel.Silver, "Payments Core",
                new DateOnly(2027, 3, 31), InitiativeStatus.Active, 3, 4)],
        };

        var closed = ReviewMarkdown.Write(content, live: false, changes: null);
        var none = ReviewMarkdown.Write(Content(), live: true, changes: null);

        Assert.Contains("## Initiatives", closed, StringComparison.Ordinal);
        Assert.Contains("their progress when the review closed", closed, StringComparison.Ordinal);
        Assert.Contains("| Every payments service \\| Silver | Cascading failures at Silver | Payments Core | 2027-03-31 | 3 of 4 met (75%) |", closed, StringComparison.Ordinal);
        Assert.Contains("No active initiative touches the scope.", none, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OneOfEach_SaysCountsInTheSingular()
    {
        var md = ReviewMarkdown.Write(Content(
            [new SnapshotNote(Guid.NewGuid(), ReviewNoteKind.Decision, "Reserve capacity.", null, null, "Erik", Closed),
             new SnapshotNote(Guid.NewGuid(), ReviewNoteKind.Finding, "Ledger has no timeouts.", null, null, "Erik", Closed)],
            [new SnapshotActionItem(Guid.NewGuid(), "Add timeouts", "Payments Core", "payments-core", new DateOnly(2026, 11, 30), null, null,
                null, ActionItemStatus.Open, null, null, null, 0, null, null)]), live: false, changes: null);

        Assert.Contains("- 1 decision, 1 finding, 1 action item.", md, StringComparison.Ordinal);
        Assert.Contains("- Graph findings: 1 cycle, 0 long synchronous chains, 0 shared databases.", md, StringComparison.Ordinal);
        Assert.Contains("- Framework version 1, 1 criterion", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OpenReviewWithComparison_SaysLiveAndListsChanges()
    {
        var criteria = new[] { new SnapshotCriterion("timeouts", ScalingSignal.CascadingFailures, ScoreLevel.Bronze, CriterionMode.Automatic, "Calls have timeouts") };
        var changes = ReviewComparison.Compare(
            new ComparisonSide("2026-Q2", "2026-Q2", Closed.AddDays(-90), 1, criteria, [new ServiceState("ledger", "Ledger", "payments-core", "Payments Core", 1, ScoreLevel.Bronze, "1111111", "P")]),
            new ComparisonSide("2026-Q3", "2026-Q3", Closed, 1, criteria, [new ServiceState("ledger", "Ledger", "payments-core", "Payments Core", 1, ScoreLevel.None, "1101111", "F")]),
            [], DateOnly.FromDateTime(Closed));

        var md = ReviewMarkdown.Write(Content(), live: true, changes);

        Assert.Contains("- Status: open — numbers as of 2026-09-28 14:30 UTC", md, StringComparison.Ordinal);
        Assert.Contains("## What changed since 2026-Q2", md, StringComparison.Ordinal);
        Assert.Contains("| Ledger | Payments Core | Regressed | Bronze → None | Calls have timeouts |", md, StringComparison.Ordinal);
        Assert.Contains("- Since 2026-Q2: 0 services improved, 1 regressed", md, StringComparison.Ordinal);
    }
}
