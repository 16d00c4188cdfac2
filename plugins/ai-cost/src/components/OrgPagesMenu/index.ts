export { OrgPagesMenu } from './OrgPagesMenu';
