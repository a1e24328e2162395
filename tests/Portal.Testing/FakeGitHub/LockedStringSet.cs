using System.Collections;

namespace Portal.Testing.FakeGitHub;

/// <summary>A case-sensitive string set whose every operation takes the state's lock.</summary>
internal sealed class LockedStringSet(object gate) : ISet<string>
{
    private readonly HashSet<string> _items = new(StringComparer.Ordinal);

    public int Count
    {
        get { lock (gate) { return _items.Count; } }
    }

    public bool IsReadOnly => false;

    public bool Add(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (gate) { return _items.Add(item); }
    }

    void ICollection<string>.Add(string item) => Add(item);

    public void Clear()
    {
        lock (gate) { _items.Clear(); }
    }

    public bool Contains(string item)
    {
        lock (gate) { return _items.Contains(item); }
    }

    public void CopyTo(string[] array, int arrayIndex)
    {
        lock (gate) { _items.CopyTo(array, arrayIndex); }
    }

    public bool Remove(string item)
    {
        lock (gate) { return _items.Remove(item); }
    }

    public void ExceptWith(IEnumerable<string> other)
    {
        lock (gate) { _items.ExceptWith(other); }
    }

    public void IntersectWith(IEnumerable<string> other)
    {
        lock (gate) { _items.IntersectWith(other); }
    }

    public bool IsProperSubsetOf(IEnumerable<string> other)
    {
        lock (gate) { return _items.IsProperSubsetOf(other); }
    }

    public bool IsProperSupersetOf(IEnumerable<string> other)
    {
        lock (gate) { return _items.IsProperSupersetOf(other); }
    }

    public bool IsSubsetOf(IEnumerable<string> other)
    {
        lock (gate) { return _items.IsSubsetOf(other); }
    }

    public bool IsSupersetOf(IEnumerable<string> other)
    {
        lock (gate) { return _items.IsSupersetOf(other); }
    }

    public bool Overlaps(IEnumerable<string> other)
    {
        lock (gate) { return _items.Overlaps(other); }
    }

    public bool SetEquals(IEnumerable<string> other)
    {
        lock (gate) { return _items.SetEquals(other); }
    }

    public void SymmetricExceptWith(IEnumerable<string> other)
    {
        lock (gate) { _items.SymmetricExceptWith(other); }
    }

    public void UnionWith(IEnumerable<string> other)
    {
        lock (gate) { _items.UnionWith(other); }
    }

    /// <summary>Enumerates a snapshot, so a test may change the set while enumerating.</summary>
    public IEnumerator<string> GetEnumerator()
    {
        string[] snapshot;
        lock (gate) { snapshot = [.. _items]; }
        return ((IEnumerable<string>)snapshot).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
