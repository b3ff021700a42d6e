import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { DocumentRequest } from '../../../../../contracts/suppliers';
import { ErrorBanner } from '../../../components/error-banner';
import { useAction } from '../../../lib/use-action';
import { newUuid } from '../../../lib/uuid';
import { registerSupplier } from '../api/suppliers-api';
import { useSupplierText } from '../text';

const EMPTY = { supplierId: 'v-', name: '', licenceNumber: '', licenceExpires: '', certificate: '', certificateExpires: '' };

/** P2.2a: a new supplier with its licence (and a certificate); the qualification review starts at once. */
export function RegisterSupplierForm({ supplierLink, onRegistered }: { supplierLink: (vendorId: string) => string; onRegistered: () => void }) {
  const text = useSupplierText();
  const [values, setValues] = useState(EMPTY);
  // One id per document for the life of the form, so a retried submission adds each once.
  const [documentIds] = useState(() => [newUuid(), newUuid()]);
  const { error, run } = useAction();
  const [registered, setRegistered] = useState<string | null>(null);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const documents: DocumentRequest[] = [
        { documentId: documentIds[0]!, kind: 'business-licence', title: '营业执照 Business licence', number: values.licenceNumber || undefined, expiresOn: values.licenceExpires || undefined },
        ...(values.certificate
          ? [{ documentId: documentIds[1]!, kind: 'certificate' as const, title: values.certificate, expiresOn: values.certificateExpires || undefined }]
          : []),
      ];
      const result = await registerSupplier({ supplierId: values.supplierId, name: values.name, documents });
      setRegistered(result.supplierId);
      onRegistered();
    });
  }

  const input = (name: keyof typeof EMPTY, label: string, type: 'text' | 'date' = 'text', required = false) => (
    <label className="form-field">
      {label}
      <input name={name} type={type} required={required} value={values[name]} onChange={(event) => setValues({ ...values, [name]: event.target.value })} />
    </label>
  );

  return (
    <details className="card" data-testid="register-supplier">
      <summary>{text('register')}</summary>
      <ErrorBanner error={error} />
      {registered && (
        <p role="status">
          {text('registered')}: <Link to={supplierLink(registered)}>{registered}</Link>
        </p>
      )}
      <form onSubmit={handleSubmit}>
        {input('supplierId', text('supplierId'), 'text', true)}
        {input('name', text('name'), 'text', true)}
        {input('licenceNumber', text('licenceNumber'))}
        {input('licenceExpires', text('licenceExpires'), 'date')}
        {input('certificate', text('certificate'))}
        {input('certificateExpires', text('certificateExpires'), 'date')}
        <button type="submit" className="button button-primary">
          {text('register')}
        </button>
      </form>
    </details>
  );
}
