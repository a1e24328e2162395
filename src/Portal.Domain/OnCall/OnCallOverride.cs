using Portal.Domain.Catalog;
using Portal.Domain.Common;

namespace Portal.Domain.OnCall;

/// <summary>
/// <see cref="Person"/> covers a rotation during <c>[StartUtc, EndUtc)</c>, whoever the rotation
/// names. Created only through <see cref="OnCallRotation.AddOverride"/>, which keeps overrides of one
/// rotation from overlapping.
/// </summary>
public sealed class OnCallOverride : Entity
{
    private OnCallOverride()
    {
    }

    internal OnCallOverride(OnCallRotation rotation, Person person, DateTime startUtc, DateTime endUtc)
    {
        RotationId = rotation.Id;
        Person = person;
        PersonId = person.Id;
        StartUtc = startUtc;
        EndUtc = endUtc;
    }

    public Guid RotationId { get; private set; }

    public Guid PersonId { get; private set; }

    public Person Person { get; private set; } = null!;

    /// <summary>UTC, inclusive. A <see cref="DateTime"/> because SQLite cannot order <see cref="DateTimeOffset"/>.</summary>
    public DateTime StartUtc { get; private set; }

    /// <summary>UTC, exclusive: the rotation resumes at exactly this instant.</summary>
    public DateTime EndUtc { get; private set; }

    /// <summary>The override as plain data. Needs <see cref="Person"/> loaded.</summary>
    public OverridePlan ToPlan() => new(
        Person?.Ref ?? throw new InvalidOperationException("Load OnCallOverride.Person before building a plan."),
        Utc(StartUtc),
        Utc(EndUtc));

    /// <summary>For messages: works whether or not <see cref="Person"/> is loaded.</summary>
    internal OverridePlan Describe() => new(Person?.Ref ?? PersonId.ToString(), Utc(StartUtc), Utc(EndUtc));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
