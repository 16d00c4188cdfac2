export { OrgReadRequired } from './OrgReadRequired';
