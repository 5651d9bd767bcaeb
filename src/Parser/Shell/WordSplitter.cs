using System.Text;
using Drydock.Parser.Ast;

namespace Drydock.Parser.Shell;

/// <summary>
/// Collects words while a word is expanded (BuildKit's wordsStruct): unquoted whitespace ends a word,
/// quoted text and escaped characters never do. An empty quoted string alone does not make a word.
/// </summary>
internal sealed class WordSplitter
{
    private readonly List<string> _words = [];
    private readonly StringBuilder _word = StringBuilderCache.Acquire();
    private bool _inWord;

    public void AddChar(int ch)
    {
        bool space = ch >= 0 && Rune.IsWhiteSpace(new Rune(ch));
        if (space)
        {
            if (_inWord && _word.Length != 0)
            {
                _words.Add(_word.ToString());
                _word.Clear();
                _inWord = false;
            }
        }
        else
        {
            AddRawChar(ch);
        }
    }

    public void AddRawChar(int ch)
    {
        ShellWordProcessor.AppendRune(_word, ch);
        _inWord = true;
    }

    public void AddString(string text)
    {
        for (int i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed);
            AddChar(rune.Value);
            i += consumed;
        }
    }

    public void AddRawString(string text)
    {
        _word.Append(text);
        _inWord = true;
    }

    public List<string> GetWords()
    {
        if (_word.Length > 0)
        {
            _words.Add(_word.ToString());
            _word.Clear();
            _inWord = false;
        }
        StringBuilderCache.Release(_word);
        return _words;
    }
}
