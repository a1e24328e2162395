using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Domain.Scorecards;
using Portal.Domain.Signals;
using Portal.Web.Components.Pages.Scorecards;
using Portal.Domain.Scorecards.Queries;

namespace Portal.Web.Tests.Components;

public sealed class AnswerFormTests : ComponentTest
{
    private static readonly CriterionDefinition Criterion = new(
        "failure-rehearsed", ScalingSignal.CascadingFailures, "Failure handling has been rehearsed", ScoreLevel.Gold, CriterionMode.SelfAssessed,
        "w", "g", "f", 3, Question: "Have you broken a dependency on purpose lately?", PassAt: 3);

    private readonly List<AnswerFormModel> _submitted = [];

    private IRenderedComponent<AnswerForm> RenderForm(AnswerDto? existing = null, string? error = null) =>
        Render<AnswerForm>(p => p
            .Add(x => x.Criterion, Criterion)
            .Add(x => x.Existing, existing)
            .Add(x => x.ValidityDays, 90)
            .Add(x => x.Error, error)
            .Add(x => x.OnSubmit, EventCallback.Factory.Create<AnswerFormModel>(this, m => _submitted.Add(m))));

    [Fact]
    public void AnswerForm_New_ShowsQuestionPassMarkAndExpiry()
    {
        var form = RenderForm();

        Assert.Contains("Have you broken a dependency on purpose lately?", form.Markup, StringComparison.Ordinal);
        Assert.Contains("An answer of 3 or more passes", form.Markup, StringComparison.Ordinal);
        Assert.Contains("expire after 90 days", form.Markup, StringComparison.Ordinal);
        Assert.Equal(5, form.FindAll("input[type=radio]").Count);
        Assert.Contains("Save answer", form.Find("[data-testid=answer-save]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnswerForm_SubmitEmpty_NamesWhatIsMissingAndSubmitsNothing()
    {
        var form = RenderForm();

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("A note is required", form.Markup, StringComparison.Ordinal));
        Assert.Contains("Choose a maturity from 0 to 4", form.Markup, StringComparison.Ordinal);
        Assert.Empty(_submitted);
    }

    [Fact]
    public void AnswerForm_Existing_PrefilledAndReattestSubmitsChangedNote()
    {
        var existing = new AnswerDto("failure-rehearsed", 3, "Game day in March.", null, "Ada Okafor", DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(90), false, 2);
        var form = RenderForm(existing);
        Assert.Contains("Save and re-attest", form.Find("[data-testid=answer-save]").TextContent, StringComparison.Ordinal);

        form.Find("textarea[data-testid=answer-note]").Change("Game day in November: breakers opened as designed.");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Single(_submitted));
        Assert.Equal(3, _submitted[0].Maturity);
        Assert.Equal("Game day in November: breakers opened as designed.", _submitted[0].Note);
    }

    [Fact]
    public void AnswerForm_FlaggedExisting_ShowsTheFlagAndWhy()
    {
        var existing = new AnswerDto("failure-rehearsed", 4, "Game day.", null, "Ada Okafor", DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(90), false, 2,
            Flagged: true, FlagReason: "Answered 4, but the catalog says otherwise: 1 of 2 synchronous calls declare no timeout.");

        var form = RenderForm(existing);

        Assert.Contains("1 of 2 synchronous calls declare no timeout", form.Find("[data-testid=answer-flag]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnswerForm_UnflaggedExisting_NoFlag() =>
        Assert.Empty(RenderForm(new AnswerDto("failure-rehearsed", 3, "Game day.", null, "Ada Okafor", DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(90), false, 2))
            .FindAll("[data-testid=answer-flag]"));

    [Fact]
    public void AnswerForm_BadLink_Refused()
    {
        var existing = new AnswerDto("failure-rehearsed", 3, "Game day.", null, "Ada Okafor", DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(90), false, 2);
        var form = RenderForm(existing);

        form.Find("input[data-testid=answer-link]").Change("not a link");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("must be an http(s) address", form.Markup, StringComparison.Ordinal));
        Assert.Empty(_submitted);
    }

    [Fact]
    public void AnswerForm_ErrorFromThePage_IsShown()
    {
        var form = RenderForm(error: "note: is required: say why this answer is right");

        Assert.Contains("say why this answer is right", form.Find("[data-testid=answer-error]").TextContent, StringComparison.Ordinal);
    }
}
