"""A TBX file another tool wrote imports into an empty dictionary (apart from test_exchange.py,
whose entries are built once for that module)."""

from dictionary.exchange import tbx_format
from dictionary.models import Term
from tests.dictionary.test_exchange import OLD_NAMESPACE, _tbx, import_file


def test_a_tbx_file_from_another_tool_imports(dictionary, tmp_path):
    """Wrapped text, transaction groups, other languages and the namespace of older exports."""
    path = tmp_path / "other.tbx"
    path.write_bytes(
        _tbx(
            """<conceptEntry id="x7">
  <transacGrp><transac type="transactionType">origination</transac><date>2024-01-02</date>
  </transacGrp>
  <descrip type="subjectField">Sociālie pakalpojumi</descrip>
  <langSec xml:lang="de"><termSec><term>Pflege</term></termSec></langSec>
  <langSec xml:lang="lv-LV">
    <descrip type="definition">Palīdzība ikdienas
        pamatvajadzību nodrošināšanā.</descrip>
    <termSec><term>kopšana</term>
      <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
    <termSec><term>aprūpe</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
  </langSec>
  <langSec xml:lang="en-GB"><termSec><term>care</term></termSec></langSec>
</conceptEntry>"""
        ).replace(tbx_format.NS.encode(), OLD_NAMESPACE.encode())
    )
    output, _ = import_file(path, "--status", "draft")
    assert "1 created" in output
    term = Term.objects.get()
    assert term.headword == "aprūpe"
    assert term.synonym_list == ["kopšana"]
    assert term.equivalent_list == ["care"]
    assert term.definition == "Palīdzība ikdienas\npamatvajadzību nodrošināšanā."
    assert term.subject_field.name == "Sociālie pakalpojumi"
    assert not term.live
