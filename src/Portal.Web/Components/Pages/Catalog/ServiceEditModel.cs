using System.ComponentModel.DataAnnotations;
using Portal.Domain.Catalog;
using Portal.Domain.Catalog.Queries;
using Portal.Domain.Common;

namespace Portal.Web.Components.Pages.Catalog;

/// <summary>The edit form's state. The domain validates again; this gives early, per-field messages.</summary>
public sealed class ServiceEditModel
{
    [StringLength(200, ErrorMessage = "The title can be at most 200 characters.")]
    public string? Title { get; set; }

    [StringLength(10_000, ErrorMessage = "The description can be at most 10,000 characters.")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Say what kind of component this is, e.g. service, website or library.")]
    [StringLength(40)]
    public string Kind { get; set; } = "service";

    [Range(1, 3, ErrorMessage = "Tier is 1 (most critical), 2 or 3.")]
    public int Tier { get; set; } = 3;

    public Lifecycle Lifecycle { get; set; } = Lifecycle.Production;

    public string? Owner { get; set; }

    public string? System { get; set; }

    [Url(ErrorMessage = "The repository must be a full http(s) URL.")]
    public string? RepositoryUrl { get; set; }

    /// <summary>Comma- or space-separated.</summary>
    public string? Tags { get; set; }

    public List<LinkRow> Links { get; set; } = [];

    public int Version { get; set; }

    public static ServiceEditModel From(ServiceDetailsDto s) => new()
    {
        Title = s.Title,
        Description = s.Description,
        Kind = s.Kind,
        Tier = s.Tier,
        Lifecycle = s.Lifecycle,
        Owner = s.Owner is null ? null : EntityRef.Format(s.Owner.Namespace, s.Owner.Name),
        System = s.System,
        RepositoryUrl = s.RepositoryUrl,
        Tags = string.Join(", ", s.Tags),
        Links = [.. s.Links.Select(l => new LinkRow { Url = l.Url, Title = l.Title, Type = l.Type })],
        Version = s.Version,
    };

    public Portal.Domain.Catalog.Commands.ServiceEdit ToEdit() => new(
        Title,
        Description,
        Kind,
        Tier,
        Lifecycle,
        Owner,
        System,
        RepositoryUrl,
        [.. (Tags ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        [.. Links.Where(l => !string.IsNullOrWhiteSpace(l.Url)).Select(l => new ServiceLink(l.Url!.Trim(), l.Title, l.Type))]);

    /// <summary>One link row in the form.</summary>
    public sealed class LinkRow
    {
        [Url(ErrorMessage = "A link must be a full http(s) URL.")]
        public string? Url { get; set; }

        public string? Title { get; set; }

        public string? Type { get; set; }
    }
}
