using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Domain.Reviews;
using Portal.Domain.Reviews.Commands;
using Portal.Domain.Reviews.Queries;
using Portal.Domain.Signals;
using Portal.Web.Components.Pages.Reviews;

namespace Portal.Web.Tests.Components.Pages.Reviews;

/// <summary>Findings and decisions of an open review: edited in place, deleted only through the page's confirmation.</summary>
public sealed class NotesPanelTests : ComponentTest
{
    private static readonly TeamInfo[] Teams = [new(Guid.NewGuid(), "payments-core", "Payments Core", null, null)];

    private static readonly NoteDto Decision = new(
        Guid.NewGuid(), ReviewNoteKind.Decision, "Reserve 10% for timeouts.", ScalingSignal.CascadingFailures, "payments-core", "Payments Core",
        "Erik Johansson", new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), 3, MayChange: true);

    private readonly List<(NoteDto Note, NoteInput Input)> _edits = [];
    private readonly List<NoteDto> _deletes = [];

    private IRenderedComponent<NotesPanel> RenderPanel(bool canRecord, params NoteDto[] notes) => Render<NotesPanel>(p => p
        .Add(x => x.Notes, notes.Length == 0 ? [Decision] : notes)
        .Add(x => x.Teams, Teams)
        .Add(x => x.CanRecord, canRecord)
        .Add(x => x.OnEdit, EventCallback.Factory.Create<(NoteDto, NoteInput)>(this, e => _edits.Add(e)))
        .Add(x => x.OnDelete, EventCallback.Factory.Create<NoteDto>(this, n => _deletes.Add(n))));

    [Fact]
    public void Edit_ChangedText_HandsTheNoteWithItsVersionAndNewInput()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var panel = RenderPanel(canRecord: true);

        panel.Find("button[data-testid=note-edit]").Click();
        Assert.Equal("Reserve 10% for timeouts.", panel.Find("textarea[data-testid=note-edit-text]").GetAttribute("value") ?? panel.Find("textarea[data-testid=note-edit-text]").TextContent);
        panel.Find("textarea[data-testid=note-edit-text]").Change("Reserve 20% for timeouts.");
        panel.Find("form[data-testid=note-edit-form]").Submit();

        var (note, input) = Assert.Single(_edits);
        Assert.Equal((Decision.Id, 3), (note.Id, note.Version));
        Assert.Equal((ReviewNoteKind.Decision, "Reserve 20% for timeouts.", ScalingSignal.CascadingFailures, "payments-core"), (input.Kind, input.Text, input.Signal, input.Team));
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("form[data-testid=note-edit-form]")));
    }

    [Fact]
    public void Delete_Clicked_AsksThePageAndDoesNotDeleteItself()
    {
        var panel = RenderPanel(canRecord: true);

        panel.Find("button[data-testid=note-delete]").Click();

        Assert.Same(Decision, Assert.Single(_deletes));
        Assert.Contains("Reserve 10% for timeouts.", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ClosedOrViewer_NoEditOrDelete()
    {
        var panel = RenderPanel(canRecord: false);

        Assert.Empty(panel.FindAll("button[data-testid=note-edit]"));
        Assert.Empty(panel.FindAll("button[data-testid=note-delete]"));
    }

    [Fact]
    public void Render_AnotherTeamsNoteInAnOpenReview_NoEditOrDelete()
    {
        var theirs = Decision with { Id = Guid.NewGuid(), Text = "Theirs.", MayChange = false };

        var panel = RenderPanel(canRecord: true, Decision, theirs);

        Assert.Single(panel.FindAll("button[data-testid=note-edit]"));
        Assert.Single(panel.FindAll("button[data-testid=note-delete]"));
    }
}
