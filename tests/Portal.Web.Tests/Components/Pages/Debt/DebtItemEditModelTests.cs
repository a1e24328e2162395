using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Signals;
using Portal.Web.Components.Pages.Debt;

namespace Portal.Web.Tests.Components.Pages.Debt;

/// <summary>The debt form's model keeps every value a prefill brings (an action item's status, quarter and pay-back date).</summary>
public sealed class DebtItemEditModelTests
{
    [Fact]
    public void From_PrefillWithEveryField_ToEditGivesItBack()
    {
        var prefill = new DebtItemEdit(
            "Trace every payment path", "From the review.", ["payments"], "payments-core", ScalingSignal.Observability, DebtKind.Infrastructure,
            DebtQuadrant.DeliberatePrudent, 4, 2, 3, 6, new DateOnly(2027, 3, 1), DebtStatus.Planned, "2027-Q1", null, null, "Refunds are traceable",
            [new DebtLink(DebtLinkKind.Other, "/reviews/2026-Q4#action-1", "Action item")]) { FindingKey = "review-action:1" };

        var back = DebtItemEditModel.From(prefill).ToEdit();

        Assert.Equal(
            (prefill.Title, prefill.OwnerTeam, prefill.InterestOverride, prefill.PayBackBy, prefill.Status, prefill.TargetQuarter, prefill.FindingKey),
            (back.Title, back.OwnerTeam, back.InterestOverride, back.PayBackBy, back.Status, back.TargetQuarter, back.FindingKey));
        Assert.Equal(prefill.Services, back.Services);
        Assert.Equal(prefill.Links, back.Links);
    }
}
