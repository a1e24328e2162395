using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Debt;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Web.Auth;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>Edits one team's capacity for a quarter; closes with the new version when saved.</summary>
public partial class CapacityDialog
{
    private double _people;
    private int _days;
    private double _share;
    private DebtAllocationMode _mode;
    private Dictionary<string, string> _problems = [];
    private string? _conflict;
    private string? _error;
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = null!;

    [Inject] private CapacityCommands Commands { get; set; } = null!;

    [Parameter, EditorRequired] public required TeamCapacityPlan Plan { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    protected override void OnInitialized()
    {
        var s = Plan.Setting;
        (_people, _days, _share, _mode) = s is null
            ? (0, Plan.DefaultWorkingDays, TeamCapacity.DefaultDebtSharePercent, DebtAllocationMode.EverySprint)
            : (s.People, s.WorkingDays, s.DebtSharePercent, s.Mode);
    }

    private bool Has(string field) => _problems.ContainsKey(field);

    private string? For(string field) => _problems.GetValueOrDefault(field);

    private async Task SaveAsync()
    {
        _saving = true;
        (_problems, _conflict, _error) = ([], null, null);
        try
        {
            // As whoever is signed in now (role and teams read again), not as the page loaded: a demotion since counts.
            var actor = await Actors.ResolveAsync((await AuthState).User);
            var version = await Commands.SetAsync(actor, Plan.Team, Quarter.Parse(Plan.Quarter), new CapacityEdit(_people, _days, _share, _mode), Plan.Setting?.Version);
            MudDialog.Close(DialogResult.Ok(version));
        }
        catch (DomainValidationException ex)
        {
            _problems[ex.Field] = ex.Reason;
        }
        catch (ConcurrencyConflictException)
        {
            _conflict = "Someone changed this team's capacity after you opened it. Cancel and open it again to see their figures; yours are still here to copy.";
        }
        catch (ForbiddenException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }
}
