using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Ingest.GitHub;

/// <summary>
/// A webhook body read once, with its HMAC-SHA256 computed while it streams in (no second pass, no copy): the bytes sit
/// in one pooled buffer that grows only as far as the body really goes and never past the limit given. Dispose it to
/// hand the buffer back. Made only by <see cref="ReadAsync"/>, so holding one means its signature was checked.
/// </summary>
public sealed class SignedWebhookBody : IDisposable
{
    private const int FirstChunk = 16 * 1024;

    private byte[]? _buffer;

    private SignedWebhookBody(byte[] buffer, int length, bool signatureValid)
    {
        _buffer = buffer;
        Length = length;
        SignatureValid = signatureValid;
    }

    /// <summary>How many bytes the body has.</summary>
    public int Length { get; }

    /// <summary>True when the body's HMAC with the secret equals the signature the sender gave.</summary>
    public bool SignatureValid { get; }

    /// <summary>The body's bytes (valid until disposed).</summary>
    public ReadOnlyMemory<byte> Content => (_buffer ?? throw new ObjectDisposedException(nameof(SignedWebhookBody))).AsMemory(0, Length);

    /// <summary>
    /// Reads <paramref name="body"/> to its end, at most <paramref name="maxBytes"/> (more throws
    /// <see cref="InvalidDataException"/>), hashing as it goes, and compares the HMAC with <paramref name="signature"/>
    /// (already parsed from <c>X-Hub-Signature-256</c> by <see cref="GitHubWebhooks.TryParseSignature"/>) in constant time.
    /// <paramref name="declaredLength"/> (<c>Content-Length</c>) only sizes the first buffer.
    /// </summary>
    public static async Task<SignedWebhookBody> ReadAsync(
        Stream body, long? declaredLength, long maxBytes, string secret, byte[] signature, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, Array.MaxLength);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(declaredLength ?? FirstChunk, 1, maxBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0)
                {
                    break;
                }

                hmac.AppendData(buffer, length, read);
                length += read;
                if (length > maxBytes)
                {
                    throw new InvalidDataException($"The delivery is larger than {maxBytes} bytes.");
                }
            }

            var valid = CryptographicOperations.FixedTimeEquals(hmac.GetHashAndReset(), signature);
            return new SignedWebhookBody(buffer, length, valid);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
