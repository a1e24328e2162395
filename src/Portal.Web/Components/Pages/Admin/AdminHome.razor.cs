using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Portal.Domain.Common;
using Portal.Domain.Security;
using Portal.Domain.Security.Commands;
using Portal.Web.Auth;

namespace Portal.Web.Components.Pages.Admin;

/// <summary>The admin home: operations links and API tokens (create with a role and an expiry, see when each was last used, revoke).</summary>
public sealed partial class AdminHome
{
    /// <summary>Expiry choices in days; 0 is "never".</summary>
    private static readonly (int Days, string Label)[] ExpiryChoices = [(30, "In 30 days"), (90, "In 90 days"), (365, "In 1 year"), (730, "In 2 years"), (0, "Never")];

    private readonly TokenForm _form = new();
    private IReadOnlyList<ApiTokenDto> _tokens = [];
    private string? _secret;
    private string? _nameError;
    private DateTime _now;

    [Inject] private ApiTokenService Tokens { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    private string ExpiryHelp => _form.ExpiresInDays == 0 ? "Works until revoked" : "Refused (401) from then on";

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        _tokens = await Tokens.ListAsync();
    }

    private async Task CreateAsync()
    {
        _nameError = null;
        var actor = await Actors.ResolveAsync((await AuthState).User);
        try
        {
            TimeSpan? lifetime = _form.ExpiresInDays == 0 ? null : TimeSpan.FromDays(_form.ExpiresInDays);
            var (_, secret) = await Tokens.CreateAsync(actor, _form.Name!, _form.Role, lifetime);
            _secret = secret;
            _form.Name = null;
            await LoadAsync();
        }
        catch (DomainValidationException ex) when (ex.Field == "name")
        {
            _nameError = ex.Reason;
        }
        catch (Exception ex) when (ex is DomainValidationException or ForbiddenException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private async Task RevokeAsync(ApiTokenDto token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Revoke token?",
            $"Anything using '{token.Name}' will get 401 from now on. This cannot be undone.",
            yesText: "Revoke",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var actor = await Actors.ResolveAsync((await AuthState).User);
        await Tokens.RevokeAsync(actor, token.Id);
        Snackbar.Add($"Revoked '{token.Name}'.", Severity.Info);
        await LoadAsync();
    }

    private sealed class TokenForm
    {
        [Required(ErrorMessage = "Give the token a name, so you know what uses it.")]
        [StringLength(100, ErrorMessage = "At most 100 characters.")]
        public string? Name { get; set; }

        public PortalRole Role { get; set; } = PortalRole.Viewer;

        public int ExpiresInDays { get; set; } = 365;
    }
}
