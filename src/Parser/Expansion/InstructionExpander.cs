using Drydock.Parser.Instructions;
using Drydock.Parser.Shell;

namespace Drydock.Parser.Expansion;

/// <summary>
/// Expands an instruction's words exactly where BuildKit does: ADD, COPY, ENV, EXPOSE, FROM, LABEL, STOPSIGNAL,
/// USER, VOLUME, WORKDIR and ARG (and the flags --from, --chown, --chmod, --checksum, --exclude, --platform and
/// the RUN --mount options). RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK and ONBUILD are returned unchanged: their
/// shell expands them at run time. All words of one instruction see the scope as it was before it
/// (<c>ENV a=1 b=$a</c> gives b the old a). Expansion errors are located <see cref="DockerfileException"/>s.
/// </summary>
public static class InstructionExpander
{
    private static readonly ShellLex s_backslash = new('\\');
    private static readonly ShellLex s_backtick = new('`');
    private static readonly ShellLex s_heredocBackslash = new('\\') { SkipProcessQuotes = true };
    private static readonly ShellLex s_heredocBacktick = new('`') { SkipProcessQuotes = true };

    public static ExpandedInstruction Expand(Instruction instruction, VariableScope scope)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(scope);
        var context = new Context(instruction, scope);
        Instruction expanded = instruction switch
        {
            FromInstruction f => f with { BaseName = context.Word(f.BaseName)!, Platform = context.Word(f.Platform) },
            CopyInstruction copy => ExpandCopy(copy, context),
            AddInstruction add => ExpandAdd(add, context),
            EnvInstruction env => env with { Pairs = context.Pairs(env.Pairs) },
            LabelInstruction label => label with { Pairs = context.Pairs(label.Pairs) },
            ArgInstruction arg => arg with { Args = context.Args(arg.Args) },
            ExposeInstruction expose => expose with { Ports = context.SplitWords(expose.Ports) },
            VolumeInstruction volume => volume with { Volumes = context.Words(volume.Volumes) },
            UserInstruction user => user with { User = context.Word(user.User)! },
            WorkdirInstruction workdir => workdir with { Path = context.Word(workdir.Path)! },
            StopSignalInstruction signal => signal with { Signal = context.Word(signal.Signal)! },
            RunInstruction run => ExpandRun(run, context),
            _ => instruction,
        };
        return new ExpandedInstruction(expanded, context.UsedArgs, context.Unmatched);
    }

    private static RunInstruction ExpandRun(RunInstruction run, Context context)
    {
        if (run.MountSpecs.Count == 0) return run;
        var mounts = new List<RunMount>(run.MountSpecs.Count);
        foreach (string spec in run.MountSpecs)
        {
            try
            {
                mounts.Add(MountParser.Parse(spec, context.ExpandOption));
            }
            catch (InstructionParseException e)
            {
                throw new DockerfileException(run.Range, e.Code, e.Message);
            }
        }
        return run with { Mounts = mounts };
    }

    private static CopyInstruction ExpandCopy(CopyInstruction copy, Context context) => copy with
    {
        Sources = context.Words(copy.Sources),
        SourceContents = context.Contents(copy.SourceContents),
        Destination = context.Word(copy.Destination)!,
        From = context.Word(copy.From),
        Chown = context.Word(copy.Chown),
        Chmod = context.Word(copy.Chmod),
        Excludes = context.Words(copy.Excludes),
    };

    private static AddInstruction ExpandAdd(AddInstruction add, Context context) => add with
    {
        Sources = context.Words(add.Sources),
        SourceContents = context.Contents(add.SourceContents),
        Destination = context.Word(add.Destination)!,
        Chown = context.Word(add.Chown),
        Chmod = context.Word(add.Chmod),
        Checksum = context.Word(add.Checksum),
        Excludes = context.Words(add.Excludes),
    };

    /// <summary>Runs the lexer for one instruction, collecting matched and unmatched names.</summary>
    private sealed class Context(Instruction instruction, VariableScope scope) : IVariableUseSink
    {
        private readonly ShellLex _lex = scope.EscapeToken == '`' ? s_backtick : s_backslash;
        private readonly ShellLex _heredocLex = scope.EscapeToken == '`' ? s_heredocBacktick : s_heredocBackslash;

        private static readonly IReadOnlySet<string> s_none = new HashSet<string>();
        private HashSet<string>? _usedArgs;
        private HashSet<string>? _unmatched;

        public IReadOnlySet<string> UsedArgs => (IReadOnlySet<string>?)_usedArgs ?? s_none;

        public IReadOnlySet<string> Unmatched => (IReadOnlySet<string>?)_unmatched ?? s_none;

        public string? Word(string? word) => word is null ? null : Run(_lex, word);

        // Lambdas over the context would make every Expand call allocate a closure, RUN or not.
        private Func<string, string>? _expandOption;

        /// <summary>Expands a <c>--mount</c> option value.</summary>
        public Func<string, string> ExpandOption => _expandOption ??= value => Word(value)!;

        public List<ArgDefinition> Args(IReadOnlyList<ArgDefinition> args)
        {
            var result = new List<ArgDefinition>(args.Count);
            foreach (ArgDefinition a in args) result.Add(new ArgDefinition(Word(a.Key)!, Word(a.Value)));
            return result;
        }

        /// <summary>Each word expanded and split, as EXPOSE takes its ports.</summary>
        public List<string> SplitWords(IReadOnlyList<string> words)
        {
            var result = new List<string>(words.Count);
            foreach (string word in words) result.AddRange(Words(word));
            return result;
        }

        public IEnumerable<string> Words(string word)
        {
            if (word.Length > 0 && IsLiteral(word, splits: true)) return [word];
            try
            {
                IReadOnlyList<string> words = _lex.ProcessWords(word, scope);
                Run(_lex, word); // records which names were used
                return words;
            }
            catch (ShellExpansionException e)
            {
                throw Located(e);
            }
        }

        /// <summary>Each word expanded (not split); the list itself when no word changes, as most do not.</summary>
        public IReadOnlyList<string> Words(IReadOnlyList<string> words)
        {
            List<string>? changed = null;
            for (int i = 0; i < words.Count; i++)
            {
                string word = words[i];
                string expanded = Run(_lex, word);
                if (changed is null && !ReferenceEquals(expanded, word))
                {
                    changed = new List<string>(words.Count);
                    for (int j = 0; j < i; j++) changed.Add(words[j]);
                }
                changed?.Add(expanded);
            }
            return changed ?? words;
        }

        public List<KeyValuePair<string, string>> Pairs(IReadOnlyList<KeyValuePair<string, string>> pairs)
        {
            var result = new List<KeyValuePair<string, string>>(pairs.Count);
            foreach (var (key, value) in pairs) result.Add(new(Word(key)!, Word(value)!));
            return result;
        }

        public IReadOnlyList<SourceContent> Contents(IReadOnlyList<SourceContent> contents)
        {
            if (contents.Count == 0) return contents;
            var result = new List<SourceContent>(contents.Count);
            foreach (SourceContent c in contents) result.Add(c.Expand ? c with { Data = Run(_heredocLex, c.Data) } : c);
            return result;
        }

        private string Run(ShellLex lex, string word)
        {
            if (IsLiteral(word, splits: false, quotes: !lex.SkipProcessQuotes)) return word;
            try
            {
                return lex.ProcessWord(word, scope, this);
            }
            catch (ShellExpansionException e)
            {
                throw Located(e);
            }
        }

        void IVariableUseSink.Matched(string name)
        {
            if (scope.OriginOf(name) is VariableOrigin.ArgDefault or VariableOrigin.BuildArg) (_usedArgs ??= new(StringComparer.Ordinal)).Add(name);
        }

        void IVariableUseSink.Unmatched(string name) => (_unmatched ??= new(StringComparer.Ordinal)).Add(name);

        /// <summary>A word the lexer would return unchanged: no variables, quotes or escapes (nor whitespace, when splitting).</summary>
        private bool IsLiteral(string word, bool splits, bool quotes = true)
        {
            char escape = scope.EscapeToken;
            foreach (char c in word)
            {
                if (c == '$' || c == escape || (quotes && c is '\'' or '"') || (splits && char.IsWhiteSpace(c))) return false;
            }
            return true;
        }

        private DockerfileException Located(ShellExpansionException e) =>
            new(instruction.Range, DockerfileErrorCodes.Expansion, e.Describe(), e);
    }
}
