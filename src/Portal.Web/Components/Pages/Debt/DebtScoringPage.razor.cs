using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt;
using Portal.Web.Auth;

namespace Portal.Web.Components.Pages.Debt;

/// <summary>The formula in words and the tables behind it; admins change the tables, which recomputes every score.</summary>
public partial class DebtScoringPage
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<BreadcrumbItem> _crumbs = [new("Tech debt", "/debt"), new("How debt is scored", null, disabled: true)];
    private TableModel? _model;
    private DebtScoringState? _state;
    private int _version;
    private bool _isAdmin;
    private bool _saving;
    private bool _conflict;
    private string? _error;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] private DebtScores Scores { get; set; } = null!;

    [Inject] private DebtScoringCommands Commands { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await Actors.ResolveAsync((await AuthState).User)).IsAdmin;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _conflict = false;
        _errors.Clear();
        var (table, version) = await Scores.TableAsync();
        (_model, _version) = (TableModel.From(table), version);
        _state = await Scores.StateAsync();
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Err(string field) => _errors.GetValueOrDefault(field);

    private void ResetToDefaults() => _model = TableModel.From(DebtScoringTable.Default);

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        _errors.Clear();
        try
        {
            var actor = await Actors.ResolveAsync((await AuthState).User);
            var result = await Commands.ChangeTablesAsync(actor, _model!.ToTable(), _version);
            Snackbar.Add($"Saved. {result.Changed} of {result.Items} scores changed ({result.Elapsed.TotalMilliseconds:N0} ms).", Severity.Success);
            await LoadAsync();
        }
        catch (DomainValidationException ex)
        {
            _errors[ex.Field] = ex.Reason;
            _error = $"Not saved: {ex.Field} {ex.Reason}.";
        }
        catch (ConcurrencyConflictException)
        {
            _conflict = true;
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

    /// <summary>The tables as editable arrays.</summary>
    private sealed class TableModel
    {
        public double[] Probability { get; init; } = [];

        public double[] ImpactHours { get; init; } = [];

        public double[] TierWeight { get; init; } = [];

        public double UnknownTierWeight { get; set; }

        public int UrgencyWindowDays { get; set; }

        public double UrgencyAtDue { get; set; }

        public double UrgencyPerOverdueMonth { get; set; }

        public double UrgencyCap { get; set; }

        public static TableModel From(DebtScoringTable t) => new()
        {
            Probability = [.. t.Probability],
            ImpactHours = [.. t.ImpactHours],
            TierWeight = [.. t.TierWeight],
            UnknownTierWeight = t.UnknownTierWeight,
            UrgencyWindowDays = t.UrgencyWindowDays,
            UrgencyAtDue = t.UrgencyAtDue,
            UrgencyPerOverdueMonth = t.UrgencyPerOverdueMonth,
            UrgencyCap = t.UrgencyCap,
        };

        public DebtScoringTable ToTable() => new(
            [.. Probability], [.. ImpactHours], [.. TierWeight], UnknownTierWeight, UrgencyWindowDays, UrgencyAtDue, UrgencyPerOverdueMonth, UrgencyCap);
    }
}
