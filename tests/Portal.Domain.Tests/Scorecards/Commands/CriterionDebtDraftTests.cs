using Portal.Domain.Debt;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Domain.Scorecards.Commands;

namespace Portal.Domain.Tests.Scorecards.Commands;

/// <summary>The starting values of a debt item made from a failing criterion or from a review's action item.</summary>
public sealed class CriterionDebtDraftTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static readonly CriterionDefinition Timeouts = new(
        "sync-timeouts", ScalingSignal.CascadingFailures, "Every synchronous call has a timeout", ScoreLevel.Silver, CriterionMode.Automatic,
        "A call without a timeout waits forever.", "Every call gives up in time.", "Set a timeout on each client.", 2.5, Check: "sync-timeouts");

    private static CriterionResult Failing(string evidence = "2 of 3 synchronous dependencies declare no timeout: payments → ledger, payments → fx") => new(
        "sync-timeouts", ScalingSignal.CascadingFailures, ScoreLevel.Silver, CriterionMode.Automatic, CriterionStatus.Fail, evidence,
        new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), 1);

    [Fact]
    public void For_FailingCriterion_CarriesTitleServiceSignalEffortAndLinkBack()
    {
        var draft = CriterionDebtDraft.For("payments", "Payments", Timeouts, Failing());

        Assert.Equal("Every synchronous call has a timeout (not met)", draft.Title);
        Assert.Equal(["payments"], draft.Services);
        Assert.Equal((ScalingSignal.CascadingFailures, 2.5, DebtKind.Code), (draft.Signal, draft.EffortDays, draft.Kind));
        Assert.Contains("payments → ledger", draft.Description, StringComparison.Ordinal);
        Assert.Contains("Set a timeout on each client.", draft.Description, StringComparison.Ordinal);
        var link = Assert.Single(draft.Links);
        Assert.Equal("/scorecards/payments#criterion-sync-timeouts", link.Url);
        Assert.Equal("scorecard:payments:sync-timeouts", draft.FindingKey);
        Assert.Empty(draft.Problems(Today));
    }

    [Fact]
    public void For_HugeEvidence_ClippedSoTheItemStillSaves()
    {
        var draft = CriterionDebtDraft.For("payments", "Payments", Timeouts, Failing(new string('x', 50_000)));

        Assert.True(draft.Description!.Length <= DebtItem.MaxDescriptionLength);
        Assert.Empty(draft.Problems(Today));
    }

    [Theory]
    [InlineData(ScalingSignal.DataModel, DebtKind.Architecture)]
    [InlineData(ScalingSignal.Observability, DebtKind.Infrastructure)]
    [InlineData(ScalingSignal.TeamTopology, DebtKind.Process)]
    [InlineData(ScalingSignal.CascadingFailures, DebtKind.Code)]
    public void KindFor_Signal_UsualKindOfDebt(ScalingSignal signal, DebtKind expected) =>
        Assert.Equal(expected, CriterionDebtDraft.KindFor(signal));

    [Fact]
    public void ActionItemDraft_ItemWithService_PrefilledButEffortLeftToThePerson()
    {
        var id = Guid.NewGuid();
        var item = new ActionItemDto(id, "2026-Q4", "Add timeouts to every outbound call", "Start with the gateway.", "payments-core", "Payments Core",
            new DateOnly(2027, 2, 15), ScalingSignal.CascadingFailures, ScoreLevel.Silver, "payments", "Payments", ActionItemStatus.Open, null, null,
            false, 0, 1, null, null, 2);

        var draft = ActionItemDebtDraft.For(item);

        Assert.Equal(("Add timeouts to every outbound call", "payments-core", ScalingSignal.CascadingFailures), (draft.Title, draft.OwnerTeam, draft.Signal));
        Assert.Equal(["payments"], draft.Services);
        Assert.Equal((new DateOnly(2027, 2, 15), DebtStatus.Accepted, "2027-Q1"), (draft.PayBackBy, draft.Status, draft.TargetQuarter));
        Assert.Equal($"/reviews/2026-Q4#action-{id}", Assert.Single(draft.Links).Url);
        Assert.Equal($"review-action:{id}", draft.FindingKey);
        Assert.Equal("effortDays", Assert.Single(draft.Problems(Today)).Field);
    }
}
