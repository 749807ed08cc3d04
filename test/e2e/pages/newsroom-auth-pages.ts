import { NewsroomPage, nextDocument } from './newsroom-page.js';

export interface Credentials {
  email: string;
  password: string;
}

/** The first-run page at /newsroom while no account exists: it creates the owner. */
export class NewsroomSetupPage extends NewsroomPage {
  /** Fills in and sends the form; returns the HTTP status of the page it lands on. */
  async createOwner(owner: Credentials & { name: string }): Promise<number> {
    await this.page.getByLabel('Your name').fill(owner.name);
    await this.page.getByLabel('Email').fill(owner.email);
    await this.page.getByLabel('Password').fill(owner.password);
    const response = await nextDocument(this.page, () =>
      this.page.getByRole('button', { name: 'Create account' }).click(),
    );
    return response.status();
  }
}

/** The sign-in page, also shown when a session ends mid-edit (then it carries the typed text along). */
export class NewsroomLoginPage extends NewsroomPage {
  /** Signs in from the page as it stands; returns the HTTP status of the page it lands on. */
  async signIn({ email, password }: Credentials): Promise<number> {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    const response = await nextDocument(this.page, () => this.page.getByRole('button', { name: 'Sign in' }).click());
    return response.status();
  }

  /** Whether the form carries text typed before the session ended, to give back after sign-in. */
  async carriesTypedText(): Promise<boolean> {
    return (await this.page.locator('input[name="resume_data"]').count()) === 1;
  }
}
