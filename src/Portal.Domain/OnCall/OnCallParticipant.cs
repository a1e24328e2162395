using Portal.Domain.Catalog;
using Portal.Domain.Common;

namespace Portal.Domain.OnCall;

/// <summary>One turn in a rotation: <see cref="Person"/> takes shift k when k mod count equals <see cref="Position"/>.</summary>
public sealed class OnCallParticipant : Entity
{
    private OnCallParticipant()
    {
    }

    internal OnCallParticipant(OnCallRotation rotation, Person person, int position)
    {
        RotationId = rotation.Id;
        Person = person;
        PersonId = person.Id;
        Position = position;
    }

    public Guid RotationId { get; private set; }

    public Guid PersonId { get; private set; }

    public Person Person { get; private set; } = null!;

    /// <summary>0-based turn order.</summary>
    public int Position { get; private set; }

    internal void Assign(Person person, int position)
    {
        Person = person;
        PersonId = person.Id;
        Position = position;
        Touch();
    }

    internal string PersonRef() =>
        Person?.Ref ?? throw new InvalidOperationException("Load OnCallParticipant.Person before building a plan.");
}
