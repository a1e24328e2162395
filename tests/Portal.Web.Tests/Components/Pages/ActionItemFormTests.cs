using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Web.Components.Pages.Reviews;

namespace Portal.Web.Tests.Components.Pages;

/// <summary>The form that records a review's action item.</summary>
public sealed class ActionItemFormTests : ComponentTest
{
    private static readonly DateTime Today = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static readonly TeamInfo[] Teams =
    [
        new(Guid.NewGuid(), "payments-core", "Payments Core", null, null),
        new(Guid.NewGuid(), "platform-infra", "Platform & Infrastructure", null, null),
    ];

    private readonly List<ActionItemFormModel> _submitted = [];

    private IRenderedComponent<ActionItemForm> RenderForm(string? error = null) =>
        Render<ActionItemForm>(p => p
            .Add(x => x.Teams, Teams)
            .Add(x => x.Today, Today)
            .Add(x => x.Error, error)
            .Add(x => x.OnSubmit, EventCallback.Factory.Create<ActionItemFormModel>(this, m => _submitted.Add(m))));

    [Fact]
    public void ActionItemForm_SubmitEmpty_NamesWhatIsMissingAndSubmitsNothing()
    {
        var form = RenderForm();

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("Say what will be done.", form.Markup, StringComparison.Ordinal));
        Assert.Contains("Choose the team that will do it.", form.Markup, StringComparison.Ordinal);
        Assert.Empty(_submitted);
    }

    [Fact]
    public async Task ActionItemForm_Filled_SubmitsInputWithDefaultDueDateAQuarterAway()
    {
        var form = RenderForm();

        form.Find("input[data-testid=action-title]").Change("Add timeouts to every outbound call");
        var selects = form.FindComponents<MudSelect<string>>();
        await form.InvokeAsync(() => selects[0].Instance.SelectOption("payments-core"));
        var signal = form.FindComponent<MudSelect<ScalingSignal?>>();
        await form.InvokeAsync(() => signal.Instance.SelectOption(ScalingSignal.CascadingFailures));
        var level = form.FindComponent<MudSelect<ScoreLevel?>>();
        await form.InvokeAsync(() => level.Instance.SelectOption(ScoreLevel.Silver));
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Single(_submitted));
        var input = _submitted[0].ToInput();
        Assert.Equal("Add timeouts to every outbound call", input.Title);
        Assert.Equal("payments-core", input.OwnerTeam);
        Assert.Equal(new DateOnly(2027, 3, 1), input.DueOn);
        Assert.Equal((ScalingSignal.CascadingFailures, ScoreLevel.Silver), (input.Signal, input.TargetLevel));
        Assert.Null(input.Service);
    }

    [Fact]
    public async Task ActionItemForm_TargetWithoutSignal_Refused()
    {
        var form = RenderForm();
        form.Find("input[data-testid=action-title]").Change("Reach Silver");
        var selects = form.FindComponents<MudSelect<string>>();
        await form.InvokeAsync(() => selects[0].Instance.SelectOption("platform-infra"));
        var level = form.FindComponent<MudSelect<ScoreLevel?>>();
        await form.InvokeAsync(() => level.Instance.SelectOption(ScoreLevel.Silver));

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("Choose the signal that should reach the target level.", form.Markup, StringComparison.Ordinal));
        Assert.Empty(_submitted);
    }

    [Fact]
    public void ActionItemForm_Existing_PrefilledAndSavesChangesKeepingThePastDueDate()
    {
        var existing = new ActionItemDto(
            Guid.NewGuid(), "2026-Q4", "Add timeouts to every outbound call", "Gateway first.", "payments-core", "Payments Core", new DateOnly(2026, 11, 15),
            ScalingSignal.CascadingFailures, ScoreLevel.Silver, "payments", "Payments", Portal.Domain.Reviews.ActionItemStatus.Open, null, null, true, 0, 1, null, null, 4);
        var form = Render<ActionItemForm>(p => p
            .Add(x => x.Teams, Teams)
            .Add(x => x.Today, Today)
            .Add(x => x.Existing, existing)
            .Add(x => x.OnSubmit, EventCallback.Factory.Create<ActionItemFormModel>(this, m => _submitted.Add(m))));

        Assert.Equal("Save changes", form.Find("button[data-testid=action-save]").TextContent.Trim());
        form.Find("input[data-testid=action-title]").Change("Add timeouts to card calls");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Single(_submitted));
        var input = _submitted[0].ToInput();
        Assert.Equal(("Add timeouts to card calls", "Gateway first.", "payments-core", new DateOnly(2026, 11, 15)), (input.Title, input.Description, input.OwnerTeam, input.DueOn));
        Assert.Equal((ScalingSignal.CascadingFailures, ScoreLevel.Silver, "payments"), (input.Signal, input.TargetLevel, input.Service));
    }

    [Fact]
    public void ActionItemForm_ErrorFromThePage_Shown()
    {
        var form = RenderForm("dueOn: 2026-11-01 is in the past");

        Assert.Contains("dueOn: 2026-11-01 is in the past", form.Find("[data-testid=action-error]").TextContent, StringComparison.Ordinal);
    }
}
