using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Domain.Catalog.Commands;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;
using Portal.Web.Auth;
using Portal.Web.Components.Layout;
using Portal.Web.Components.Shared;

namespace Portal.Web.Components.Pages.Settings;

/// <summary>
/// The signed-in person's own settings: which time zone times are shown in (this browser's, or one they choose), the theme,
/// and the phone number on-call views show for them.
/// </summary>
public sealed partial class YourSettings
{
    private readonly ContactForm _contact = new();
    private bool _useBrowserZone = true;
    private string? _zone;
    private string? _zoneError;
    private DateTimeOffset _now;
    private bool _loading = true;
    private PersonDetailsDto? _person;
    private string _actorName = "";
    private bool _saving;
    private string? _phoneError;
    private string? _saved;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Inject] private ViewerContext Viewer { get; set; } = null!;

    [Inject] private ViewerPreferences Preferences { get; set; } = null!;

    [Inject] private ActorResolver Actors { get; set; } = null!;

    [Inject] private CatalogQueries Queries { get; set; } = null!;

    [Inject] private PersonCommands People { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    private ViewerSettings Settings => Viewer.Settings;

    protected override async Task OnInitializedAsync()
    {
        _now = Clock.GetUtcNow();
        _useBrowserZone = Settings.ChosenTimeZone is null;
        _zone = Settings.ChosenTimeZone ?? Settings.BrowserTimeZone;
        Viewer.Changed += OnViewerChanged;

        var actor = await Actors.ResolveAsync((await AuthState).User);
        _actorName = actor.DisplayName;
        _person = await Queries.GetPersonAsync(actor.Name);
        _contact.Phone = _person?.Phone;
        _loading = false;
    }

    private void OnViewerChanged() => _ = InvokeAsync(StateHasChanged);

    private async Task UseBrowserZoneAsync(bool useBrowser)
    {
        _useBrowserZone = useBrowser;
        _zoneError = null;
        if (useBrowser)
        {
            await Preferences.ChooseTimeZoneAsync(null);
        }
        else if (_zone is not null && ViewerSettings.Known(_zone) is not null)
        {
            // Choosing "a zone I choose" starts from the zone in use, so nothing jumps until they pick another.
            await Preferences.ChooseTimeZoneAsync(_zone);
        }
    }

    private async Task ChooseZoneAsync(string? zone)
    {
        _zone = zone;
        _zoneError = null;
        if (string.IsNullOrWhiteSpace(zone))
        {
            return;
        }

        if (!await Preferences.ChooseTimeZoneAsync(zone))
        {
            _zoneError = $"'{zone}' is not a time zone Portal knows; choose one from the list, such as Europe/Berlin.";
        }
    }

    private Task<IEnumerable<string>> SearchZonesAsync(string? text, CancellationToken ct) =>
        Task.FromResult<IEnumerable<string>>(TimeZoneChoices.Search(text));

    private async Task SavePhoneAsync()
    {
        if (_person is null)
        {
            return;
        }

        _saving = true;
        _phoneError = null;
        _saved = null;
        try
        {
            var actor = await Actors.ResolveAsync((await AuthState).User);
            var reference = EntityRef.Format(_person.Namespace, _person.Name);
            await People.SetPhoneAsync(actor, reference, _contact.Phone, _person.Version);
            _person = await Queries.GetPersonAsync(reference);
            _contact.Phone = _person?.Phone;
            _saved = _person?.Phone is { } phone ? $"Saved: people can call you on {phone}." : "Saved: your phone number is removed.";
        }
        catch (DomainValidationException ex)
        {
            _phoneError = $"Not saved: the phone number {ex.Reason}.";
        }
        catch (Exception ex) when (ex is ConcurrencyConflictException or ForbiddenException or NotFoundException)
        {
            _phoneError = "Not saved: " + ex.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    public void Dispose() => Viewer.Changed -= OnViewerChanged;

    private sealed class ContactForm
    {
        public string? Phone { get; set; }
    }
}
